#include "TaskDirectoryScenarios.h"

namespace motel::test {

namespace {

std::string clientBody(const std::string& task, bool fail = false) {
    return R"({"task":)" + task + R"(,"note":"from the client","fail":)" + (fail ? "true" : "false") + "}";
}

const char* const kCreate = "/fixture/task-client/tasks";

} // namespace

Motel TaskDirectoryScenarios::startWithClient() {
    return start({{"plugins.path", MOTEL_DOMAIN_PLUGIN_DIR}}, {"health", "auth", "suites", "tasks", "task_client"});
}

void TaskDirectoryScenarios::aPluginCreatesATaskSeenOnTheBoard() {
    const Motel motel = startWithClient();
    const auto suite = createSuite(motel, R"({"number":"301","floor":3})");
    const std::int64_t suiteId = integer(suite, "id");
    const auto created = expect(
        201, call(motel, "POST", kCreate, motel.manager,
                  clientBody(R"({"type":"maintenance","title":"Replace the boiler","blocksSuite":true,"suiteId":)" +
                             std::to_string(suiteId) + "}")));
    const std::int64_t taskId = integer(created, "id");
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), text(created, "status"));

    const auto board = data(call(motel, "GET", "/api/tasks?suiteId=" + std::to_string(suiteId), motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), board->size());
    const auto listed = board->getObject(0);
    CPPUNIT_ASSERT_EQUAL(taskId, integer(listed, "id"));
    CPPUNIT_ASSERT_EQUAL(std::string("Replace the boiler"), text(listed, "title"));
    CPPUNIT_ASSERT_EQUAL(motel.managerId, integer(listed, "createdById"));
    CPPUNIT_ASSERT(listed->getValue<bool>("blocksSuite"));
    // The effect POST /api/tasks has: a blocking task takes its suite out of order.
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), text(getSuite(motel, suiteId), "serviceState"));

    const auto found = expect(200, call(motel, "GET", path("/fixture/task-client/tasks", taskId), motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("Replace the boiler"), text(found, "title"));
    expect(404, call(motel, "GET", "/fixture/task-client/tasks/987654", motel.staff));
    const auto open =
        expect(200, call(motel, "GET", path("/fixture/task-client/suites", suiteId, "/open"), motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), open->getArray("ids")->size());
    expect(200, act(motel, taskId, "cancel", motel.manager));
    const auto none =
        expect(200, call(motel, "GET", path("/fixture/task-client/suites", suiteId, "/open"), motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), none->getArray("ids")->size());
}

void TaskDirectoryScenarios::thePostRulesReachThePluginsCallers() {
    const Motel motel = startWithClient();
    const auto bad = call(motel, "POST", kCreate, motel.manager,
                          clientBody(R"({"type":"party","title":"x","priority":"asap","dueAt":"soon"})"));
    expectProblem(bad, "type must be one of the following values: cleaning, inspection, maintenance, other");
    expectProblem(bad, "priority must be one of the following values: low, normal, high, urgent");
    expectProblem(bad, "dueAt must be a valid ISO 8601 date string");
    expectProblem(
        call(motel, "POST", kCreate, motel.manager, clientBody(R"({"type":"other","title":"x","blocksSuite":true})")),
        "blocksSuite requires a suiteId");
    expect(403, call(motel, "POST", kCreate, motel.staff, clientBody(R"({"type":"inspection","title":"Look"})")));
    expect(403,
           call(motel, "POST", kCreate, motel.staff,
                clientBody(R"({"type":"other","title":"x","assigneeId":)" + std::to_string(motel.otherStaffId) + "}")));
    const auto unknownSuite =
        call(motel, "POST", kCreate, motel.manager, clientBody(R"({"type":"other","title":"x","suiteId":999999})"));
    expect(404, unknownSuite);
    CPPUNIT_ASSERT_EQUAL(std::string("Suite 999999 not found"), messageOf(unknownSuite));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0), integer(expect(200, call(motel, "GET", "/api/tasks", motel.staff)), "total"));
}

void TaskDirectoryScenarios::theTaskJoinsThePluginsTransaction() {
    const Motel motel = startWithClient();
    expect(409, call(motel, "POST", kCreate, motel.manager, clientBody(R"({"type":"other","title":"Gone"})", true)));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0), integer(expect(200, call(motel, "GET", "/api/tasks", motel.staff)), "total"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                         integer(expect(200, call(motel, "GET", "/fixture/task-client/notes", motel.staff)), "count"));
    expect(201, call(motel, "POST", kCreate, motel.staff, clientBody(R"({"type":"other","title":"Kept"})")));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), integer(expect(200, call(motel, "GET", "/api/tasks", motel.staff)), "total"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                         integer(expect(200, call(motel, "GET", "/fixture/task-client/notes", motel.staff)), "count"));
}

} // namespace motel::test
