#include "TaskApiScenarios.h"

namespace motel::test {

namespace {
std::string titlesOf(const Poco::JSON::Array::Ptr& list) {
    std::string out;
    for (std::size_t i = 0; i < list->size(); ++i)
        out += (i ? "," : "") + list->getObject(static_cast<unsigned>(i))->getValue<std::string>("title");
    return out;
}
std::string id(std::int64_t value) {
    return std::to_string(value);
}
} // namespace

void TaskApiScenarios::createWithDefaultsAndEtag() {
    const Motel motel = start();
    const auto created = call(motel, "POST", "/api/tasks", motel.manager, R"({"type":"other","title":"Sort mail"})");
    const auto task = expect(201, created);
    const std::vector<std::string> fields{"assigneeId",  "blocksSuite", "completedAt", "createdAt", "createdById",
                                          "description", "dueAt",       "id",          "outcome",   "priority",
                                          "startedAt",   "status",      "suiteId",     "title",     "type",
                                          "updatedAt",   "version"};
    CPPUNIT_ASSERT(fields == namesOf(task));
    CPPUNIT_ASSERT_EQUAL(std::string("normal"), text(task, "priority"));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), text(task, "status"));
    for (const char* field : {"assigneeId", "dueAt", "suiteId", "description", "startedAt", "completedAt", "outcome"})
        CPPUNIT_ASSERT_MESSAGE(field, task->isNull(field));
    CPPUNIT_ASSERT(!task->getValue<bool>("blocksSuite"));
    CPPUNIT_ASSERT_EQUAL(motel.managerId, integer(task, "createdById"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), integer(task, "version"));
    CPPUNIT_ASSERT_EQUAL(std::string("\"1\""), created.header("etag"));
    CPPUNIT_ASSERT_EQUAL(std::string("\"1\""),
                         call(motel, "GET", path("/api/tasks", integer(task, "id")), motel.staff).header("etag"));

    const auto suite = createSuite(motel, R"({"number":"101","floor":1})");
    const auto full =
        createTask(motel, motel.manager,
                   R"({"type":"maintenance","title":"Fix lamp","description":"Bedside","priority":"urgent",
                                     "suiteId":)" +
                       id(integer(suite, "id")) + R"(,"assigneeId":)" + id(motel.staffId) +
                       R"(,"dueAt":"2030-05-01T12:00:00+02:00","blocksSuite":false})");
    CPPUNIT_ASSERT_EQUAL(std::string("2030-05-01T10:00:00.000Z"), text(full, "dueAt"));
    CPPUNIT_ASSERT_EQUAL(motel.staffId, integer(full, "assigneeId"));
    CPPUNIT_ASSERT_EQUAL(integer(suite, "id"), integer(full, "suiteId"));
    CPPUNIT_ASSERT_EQUAL(std::string("urgent"), text(full, "priority"));
}

void TaskApiScenarios::invalidBodiesAndUnknownReferences() {
    const Motel motel = start();
    const auto empty = call(motel, "POST", "/api/tasks", motel.manager, "{}");
    expectProblem(empty, "title must not be empty");
    expectProblem(empty, "type must not be empty");
    const auto bad = call(motel, "POST", "/api/tasks", motel.manager,
                          R"({"type":"party","title":"x","priority":"asap","dueAt":"soon","blocksSuite":"yes",
                              "suiteId":"one","status":"completed"})");
    expectProblem(bad, "type must be one of the following values: cleaning, inspection, maintenance, other");
    expectProblem(bad, "priority must be one of the following values: low, normal, high, urgent");
    expectProblem(bad, "dueAt must be a valid ISO 8601 date string");
    expectProblem(bad, "blocksSuite must be a boolean value");
    expectProblem(bad, "suiteId must be an integer");
    expectProblem(bad, "property status should not exist");

    const auto suite = createSuite(motel, R"({"number":"101","floor":1})");
    const std::string suiteId = id(integer(suite, "id"));
    expectProblem(call(motel, "POST", "/api/tasks", motel.manager,
                       R"({"type":"cleaning","title":"x","blocksSuite":true,"suiteId":)" + suiteId + "}"),
                  "blocksSuite requires type maintenance");
    expectProblem(
        call(motel, "POST", "/api/tasks", motel.manager, R"({"type":"maintenance","title":"x","blocksSuite":true})"),
        "blocksSuite requires a suiteId");
    const auto noSuite =
        call(motel, "POST", "/api/tasks", motel.manager, R"({"type":"other","title":"x","suiteId":424242})");
    expect(404, noSuite);
    CPPUNIT_ASSERT_EQUAL(std::string("Suite 424242 not found"), messageOf(noSuite));
    const auto noUser =
        call(motel, "POST", "/api/tasks", motel.manager, R"({"type":"other","title":"x","assigneeId":424242})");
    expect(404, noUser);
    CPPUNIT_ASSERT_EQUAL(std::string("User 424242 not found"), messageOf(noUser));
    const auto neither = call(motel, "POST", "/api/tasks", motel.manager,
                              R"({"type":"other","title":"x","suiteId":424242,"assigneeId":424242})");
    CPPUNIT_ASSERT_EQUAL(std::string("Suite 424242 not found"), messageOf(neither));
    // An unknown reference is 404 before the ownership 403 (staff assigning someone else).
    const std::string toManager = R"(,"assigneeId":)" + id(motel.managerId) + "}";
    expect(404, call(motel, "POST", "/api/tasks", motel.staff,
                     R"({"type":"other","title":"x","suiteId":424242)" + toManager));
    expect(404, call(motel, "POST", "/api/tasks", motel.staff, R"({"type":"other","title":"x","assigneeId":424242})"));
    expect(403, call(motel, "POST", "/api/tasks", motel.staff,
                     R"({"type":"other","title":"x","suiteId":)" + suiteId + toManager));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                         integer(expect(200, call(motel, "GET", "/api/tasks", motel.manager)), "total"));

    const auto task = createTask(motel, motel.manager, R"({"type":"other","title":"x"})");
    const std::string taskPath = path("/api/tasks", integer(task, "id"));
    expectProblem(call(motel, "PATCH", taskPath, motel.manager, R"({"status":"completed"})"),
                  "property status should not exist");
    expectProblem(call(motel, "PATCH", taskPath, motel.manager, R"({"title":""})"), "title must not be empty");
    expect(404, call(motel, "PATCH", taskPath, motel.manager, R"({"suiteId":424242})"));
    expect(404, call(motel, "PATCH", taskPath, motel.manager, R"({"assigneeId":424242})"));
    expectProblem(call(motel, "PATCH", taskPath, motel.manager, R"({"blocksSuite":true})"),
                  "blocksSuite requires type maintenance");
    expectProblem(call(motel, "POST", taskPath + "/start", motel.manager, R"({"outcome":"pass"})"),
                  "property outcome should not exist");
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), integer(getTask(motel, integer(task, "id")), "version"));

    CPPUNIT_ASSERT_EQUAL(std::string("[id must be an integer]"),
                         messageOf(call(motel, "GET", "/api/tasks/abc", motel.staff)));
    expect(400, call(motel, "POST", "/api/tasks/abc/start", motel.staff));
    expect(404, call(motel, "GET", "/api/tasks/424242", motel.staff));
    expect(404, call(motel, "GET", "/api/tasks/99999999999999999999999", motel.staff));
    expect(404, call(motel, "POST", "/api/tasks/424242/start", motel.staff));
}

void TaskApiScenarios::staffPermissions() {
    const Motel motel = start();
    expect(403, call(motel, "POST", "/api/tasks", motel.staff,
                     R"({"type":"other","title":"For someone else","assigneeId":)" + id(motel.otherStaffId) + "}"));
    const auto mine =
        createTask(motel, motel.staff, R"({"type":"other","title":"Mine","assigneeId":)" + id(motel.staffId) + "}");
    const auto open = createTask(motel, motel.staff, R"({"type":"other","title":"Anyone"})");
    const auto theirs = createTask(motel, motel.manager,
                                   R"({"type":"other","title":"Theirs","assigneeId":)" + id(motel.otherStaffId) + "}");
    const std::int64_t theirsId = integer(theirs, "id");

    expect(403, call(motel, "PATCH", path("/api/tasks", integer(mine, "id")), motel.staff, R"({"title":"x"})"));
    expect(403, call(motel, "DELETE", path("/api/tasks", integer(mine, "id")), motel.staff));
    expect(403, act(motel, theirsId, "start", motel.staff));
    expect(403, act(motel, integer(mine, "id"), "cancel", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), text(getTask(motel, theirsId), "status"));

    // An unassigned task becomes the caller's when started.
    const auto started = expect(200, act(motel, integer(open, "id"), "start", motel.staff));
    CPPUNIT_ASSERT_EQUAL(motel.staffId, integer(started, "assigneeId"));
    expect(403, act(motel, integer(open, "id"), "complete", motel.otherStaff));
    expect(200, act(motel, integer(open, "id"), "complete", motel.staff));
    expect(403, act(motel, integer(open, "id"), "reopen", motel.staff));

    expect(200, act(motel, integer(mine, "id"), "start", motel.staff));
    expect(200, act(motel, integer(mine, "id"), "release", motel.staff));
    expect(200, act(motel, theirsId, "start", motel.otherStaff));
    // A manager may act on anyone's task.
    expect(200, act(motel, theirsId, "complete", motel.manager));
    expect(200, act(motel, theirsId, "reopen", motel.manager));
    expect(200, act(motel, theirsId, "cancel", motel.admin));
}

void TaskApiScenarios::staffMayNotCreateInspectionsOrBlockingTasks() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"150","floor":1})");
    const std::string suiteId = id(integer(suite, "id"));
    const std::string inspection = R"({"type":"inspection","title":"Inspect","suiteId":)" + suiteId + "}";
    const std::string blocking = R"({"type":"maintenance","title":"Fix","blocksSuite":true,"suiteId":)" + suiteId + "}";

    const auto refusedInspection = call(motel, "POST", "/api/tasks", motel.staff, inspection);
    expect(403, refusedInspection);
    CPPUNIT_ASSERT_EQUAL(std::string("Only managers may create inspection tasks"), messageOf(refusedInspection));
    expect(403, call(motel, "POST", "/api/tasks", motel.staff,
                     R"({"type":"inspection","title":"Mine","assigneeId":)" + id(motel.staffId) + "}"));
    const auto refusedBlocking = call(motel, "POST", "/api/tasks", motel.staff, blocking);
    expect(403, refusedBlocking);
    CPPUNIT_ASSERT_EQUAL(std::string("Only managers may create tasks that block a suite"), messageOf(refusedBlocking));
    // The role 403 comes before the 404 of an unknown suite; the body's own
    // 400 (blocksSuite on another type) before both.
    expect(403, call(motel, "POST", "/api/tasks", motel.staff,
                     R"({"type":"maintenance","title":"x","blocksSuite":true,"suiteId":424242})"));
    expect(403,
           call(motel, "POST", "/api/tasks", motel.staff, R"({"type":"inspection","title":"x","suiteId":424242})"));
    expectProblem(call(motel, "POST", "/api/tasks", motel.staff,
                       R"({"type":"cleaning","title":"x","blocksSuite":true,"suiteId":)" + suiteId + "}"),
                  "blocksSuite requires type maintenance");
    // Nothing was created, and the suite was never taken out of order.
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), data(call(motel, "GET", "/api/tasks", motel.manager))->size());
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), text(getSuite(motel, integer(suite, "id")), "serviceState"));
    // Staff still create ordinary maintenance, and blocksSuite:false is fine.
    createTask(motel, motel.staff,
               R"({"type":"maintenance","title":"Bulb","blocksSuite":false,"suiteId":)" + suiteId + "}");

    // A staff member a manager assigned to an inspection completes it.
    const auto assigned = createTask(motel, motel.manager,
                                     R"({"type":"inspection","title":"Inspect 150","suiteId":)" + suiteId +
                                         R"(,"assigneeId":)" + id(motel.staffId) + "}");
    expect(200, act(motel, integer(assigned, "id"), "start", motel.staff));
    expect(200, act(motel, integer(assigned, "id"), "complete", motel.staff, R"({"outcome":"pass"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("inspected"), text(getSuite(motel, integer(suite, "id")), "condition"));
    // So does a blocking task a manager created for them (the suite comes back).
    const auto fix = createTask(
        motel, motel.manager, blocking.substr(0, blocking.size() - 1) + R"(,"assigneeId":)" + id(motel.staffId) + "}");
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), text(getSuite(motel, integer(suite, "id")), "serviceState"));
    expect(200, act(motel, integer(fix, "id"), "start", motel.staff));
    expect(200, act(motel, integer(fix, "id"), "complete", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), text(getSuite(motel, integer(suite, "id")), "serviceState"));
}

void TaskApiScenarios::everyTransitionAndItsTimestamps() {
    const Motel motel = start();
    const auto task =
        createTask(motel, motel.manager, R"({"type":"other","title":"Cycle","assigneeId":)" + id(motel.staffId) + "}");
    const std::int64_t taskId = integer(task, "id");

    const auto startedAnswer = act(motel, taskId, "start", motel.staff);
    const auto started = expect(200, startedAnswer);
    CPPUNIT_ASSERT_EQUAL(std::string("in_progress"), text(started, "status"));
    CPPUNIT_ASSERT(!started->isNull("startedAt"));
    CPPUNIT_ASSERT_EQUAL(std::string("\"2\""), startedAnswer.header("etag"));

    const auto released = expect(200, act(motel, taskId, "release", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), text(released, "status"));
    CPPUNIT_ASSERT(released->isNull("startedAt"));
    CPPUNIT_ASSERT_EQUAL(motel.staffId, integer(released, "assigneeId")); // release keeps the assignee

    expect(200, act(motel, taskId, "start", motel.staff));
    const auto completed = expect(200, act(motel, taskId, "complete", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("completed"), text(completed, "status"));
    CPPUNIT_ASSERT(!completed->isNull("completedAt") && !completed->isNull("startedAt"));

    const auto reopened = expect(200, act(motel, taskId, "reopen", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), text(reopened, "status"));
    CPPUNIT_ASSERT(reopened->isNull("startedAt") && reopened->isNull("completedAt"));
    CPPUNIT_ASSERT_EQUAL(motel.staffId, integer(reopened, "assigneeId"));

    CPPUNIT_ASSERT_EQUAL(std::string("cancelled"),
                         text(expect(200, act(motel, taskId, "cancel", motel.manager)), "status"));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"),
                         text(expect(200, act(motel, taskId, "reopen", motel.manager)), "status"));
    expect(200, act(motel, taskId, "start", motel.staff));
    const auto cancelled = expect(200, act(motel, taskId, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("cancelled"), text(cancelled, "status"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(10), integer(cancelled, "version")); // nine changes after creation
}

void TaskApiScenarios::invalidTransitionsAre409AndChangeNothing() {
    const Motel motel = start();
    const std::int64_t pending = integer(createTask(motel, motel.manager, R"({"type":"other","title":"P"})"), "id");
    const std::int64_t done = integer(createTask(motel, motel.manager, R"({"type":"other","title":"D"})"), "id");
    expect(200, act(motel, done, "start", motel.manager));
    expect(200, act(motel, done, "complete", motel.manager));
    const std::int64_t cancelled = integer(createTask(motel, motel.manager, R"({"type":"other","title":"C"})"), "id");
    expect(200, act(motel, cancelled, "cancel", motel.manager));

    const std::vector<std::pair<std::int64_t, std::string>> invalid{
        {pending, "complete"}, {pending, "release"},   {pending, "reopen"}, {done, "start"},
        {done, "complete"},    {done, "release"},      {done, "cancel"},    {cancelled, "start"},
        {cancelled, "cancel"}, {cancelled, "complete"}};
    for (const auto& [taskId, action] : invalid) {
        const auto before = getTask(motel, taskId);
        const auto answer = act(motel, taskId, action, motel.manager);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(action + " " + text(before, "status"), 409, answer.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Conflict"), text(object(answer), "error"));
        const auto after = getTask(motel, taskId);
        CPPUNIT_ASSERT_EQUAL(integer(before, "version"), integer(after, "version"));
        CPPUNIT_ASSERT_EQUAL(text(before, "status"), text(after, "status"));
    }
    expect(200, act(motel, pending, "start", motel.manager));
    expect(409, act(motel, pending, "start", motel.manager));
    expect(409, act(motel, pending, "reopen", motel.manager));
}

void TaskApiScenarios::ifMatchAndOrderOfChecks() {
    const Motel motel = start();
    const auto theirs =
        createTask(motel, motel.manager, R"({"type":"other","title":"T","assigneeId":)" + id(motel.otherStaffId) + "}");
    const std::int64_t taskId = integer(theirs, "id");
    // 404 before ownership 403, ownership 403 before 412, 412 before 409.
    expect(404, act(motel, 424242, "start", motel.staff, "", "9"));
    expect(403, act(motel, taskId, "start", motel.staff, "", "9"));
    expect(412, act(motel, taskId, "complete", motel.otherStaff, "", "9"));
    expect(409, act(motel, taskId, "complete", motel.otherStaff, "", "1"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), integer(getTask(motel, taskId), "version"));

    const auto started = act(motel, taskId, "start", motel.otherStaff, "", "1");
    CPPUNIT_ASSERT_EQUAL(std::string("\"2\""), started.header("etag"));
    expect(412, act(motel, taskId, "complete", motel.otherStaff, "", "1"));
    expect(412, call(motel, "PATCH", path("/api/tasks", taskId), motel.manager, R"({"title":"New"})", "1"));
    CPPUNIT_ASSERT_EQUAL(std::string("T"), text(getTask(motel, taskId), "title"));
    const auto patched = call(motel, "PATCH", path("/api/tasks", taskId), motel.manager, R"({"title":"New"})", "2");
    CPPUNIT_ASSERT_EQUAL(std::string("\"3\""), patched.header("etag"));
    expect(412, call(motel, "DELETE", path("/api/tasks", taskId), motel.manager, "", "2"));
    CPPUNIT_ASSERT_EQUAL(204, call(motel, "DELETE", path("/api/tasks", taskId), motel.manager, "", "3").status);
}

void TaskApiScenarios::listFiltersSortsAndPages() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"101","floor":1})");
    const std::string suiteId = id(integer(suite, "id"));
    createTask(motel, motel.manager,
               R"({"type":"cleaning","title":"A","priority":"high","dueAt":"2020-01-01T08:00:00Z","suiteId":)" +
                   suiteId + R"(,"assigneeId":)" + id(motel.staffId) + "}");
    createTask(motel, motel.manager,
               R"({"type":"maintenance","title":"B","priority":"low","dueAt":"2099-01-01T08:00:00Z"})");
    createTask(motel, motel.manager,
               R"({"type":"other","title":"C","priority":"urgent","assigneeId":)" + id(motel.otherStaffId) + "}");
    const std::int64_t d =
        integer(createTask(motel, motel.manager,
                           R"({"type":"inspection","title":"D","dueAt":"2020-06-01T08:00:00Z","suiteId":)" + suiteId +
                               R"(,"assigneeId":)" + id(motel.staffId) + "}"),
                "id");
    expect(200, act(motel, d, "start", motel.staff));
    const std::int64_t e = integer(
        createTask(motel, motel.manager, R"({"type":"other","title":"E","dueAt":"2020-01-01T08:00:00Z"})"), "id");
    expect(200, act(motel, e, "cancel", motel.manager));

    const auto list = [&](const std::string& query, const std::string& token) {
        return titlesOf(data(call(motel, "GET", "/api/tasks" + query, token)));
    };
    CPPUNIT_ASSERT_EQUAL(std::string("A,B,C,D,E"), list("", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("A,B,C"), list("?status=pending", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("A,B,C,D"), list("?status=pending,in_progress", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("A,D"), list("?suiteId=" + suiteId, motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("C"), list("?assigneeId=" + id(motel.otherStaffId), motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("A,D"), list("?mine=true", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("C"), list("?mine=true", motel.otherStaff));
    CPPUNIT_ASSERT_EQUAL(std::string("A,D"), list("?overdue=true", motel.staff)); // E is overdue but cancelled
    CPPUNIT_ASSERT_EQUAL(std::string("D"), list("?overdue=true&status=in_progress", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("B"), list("?type=maintenance", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("C"), list("?priority=urgent", motel.staff));

    CPPUNIT_ASSERT_EQUAL(std::string("B,D,E,A,C"), list("?sort=priority", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("C,A,D,E,B"), list("?sort=-priority", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("A,E,D,B,C"), list("?sort=dueAt", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("B,D,A,E,C"), list("?sort=-dueAt", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("A,B,C,D,E"), list("?sort=createdAt", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::size_t(5), data(call(motel, "GET", "/api/tasks?sort=-createdAt", motel.staff))->size());

    const auto page = expect(200, call(motel, "GET", "/api/tasks?limit=2&offset=1", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("B,C"), titlesOf(page->getArray("data")));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(5), integer(page, "total"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(200),
                         integer(expect(200, call(motel, "GET", "/api/tasks?limit=201", motel.staff)), "limit"));
    for (const char* bad :
         {"status=done", "status=pending,done", "type=party", "priority=asap", "suiteId=x", "assigneeId=1.5",
          "mine=yes", "overdue=1", "sort=title", "sort=-status", "limit=0", "offset=-2"})
        CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, 400,
                                     call(motel, "GET", std::string("/api/tasks?") + bad, motel.staff).status);
}

void TaskApiScenarios::patchAndDeleteByManagers() {
    const Motel motel = start();
    const auto task = createTask(motel, motel.manager,
                                 R"({"type":"other","title":"Old","assigneeId":)" + id(motel.staffId) +
                                     R"(,"dueAt":"2030-01-01T00:00:00Z","description":"d"})");
    const std::string taskPath = path("/api/tasks", integer(task, "id"));
    const auto patched =
        expect(200, call(motel, "PATCH", taskPath, motel.manager,
                         R"({"title":"New","priority":"high","assigneeId":null,"dueAt":null,"description":null})"));
    CPPUNIT_ASSERT_EQUAL(std::string("New"), text(patched, "title"));
    CPPUNIT_ASSERT_EQUAL(std::string("high"), text(patched, "priority"));
    CPPUNIT_ASSERT(patched->isNull("assigneeId") && patched->isNull("dueAt") && patched->isNull("description"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(2), integer(patched, "version"));
    // Nothing to change: same version.
    CPPUNIT_ASSERT_EQUAL(
        std::int64_t(2),
        integer(expect(200, call(motel, "PATCH", taskPath, motel.manager, R"({"title":"New"})")), "version"));
    const auto reassigned =
        expect(200, call(motel, "PATCH", taskPath, motel.admin, R"({"assigneeId":)" + id(motel.otherStaffId) + "}"));
    CPPUNIT_ASSERT_EQUAL(motel.otherStaffId, integer(reassigned, "assigneeId"));

    const auto deleted = call(motel, "DELETE", taskPath, motel.manager);
    CPPUNIT_ASSERT_EQUAL(204, deleted.status);
    CPPUNIT_ASSERT(deleted.body.empty());
    expect(404, call(motel, "GET", taskPath, motel.staff));
    expect(404, call(motel, "DELETE", taskPath, motel.manager));
}

} // namespace motel::test
