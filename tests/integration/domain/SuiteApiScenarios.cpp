#include "SuiteApiScenarios.h"

namespace motel::test {

namespace {
std::string numbersOf(const Poco::JSON::Array::Ptr& list) {
    std::string out;
    for (std::size_t i = 0; i < list->size(); ++i)
        out += (i ? "," : "") + list->getObject(static_cast<unsigned>(i))->getValue<std::string>("number");
    return out;
}
} // namespace

void SuiteApiScenarios::createReadDeleteWithDefaultsAndEtag() {
    const Motel motel = start();
    const auto created = call(motel, "POST", "/api/suites", motel.manager, R"({"number":"101","floor":1})");
    const auto suite = expect(201, created);
    const std::vector<std::string> fields{"condition", "createdAt", "floor",        "id",   "name",      "notes",
                                          "number",    "occupancy", "serviceState", "type", "updatedAt", "version"};
    CPPUNIT_ASSERT(fields == namesOf(suite));
    CPPUNIT_ASSERT_EQUAL(std::string("standard"), text(suite, "type"));
    CPPUNIT_ASSERT_EQUAL(std::string("vacant"), text(suite, "occupancy"));
    CPPUNIT_ASSERT_EQUAL(std::string("clean"), text(suite, "condition"));
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), text(suite, "serviceState"));
    CPPUNIT_ASSERT(suite->isNull("name") && suite->isNull("notes"));
    CPPUNIT_ASSERT(suite->get("floor").isInteger());
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), integer(suite, "version"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(24), text(suite, "createdAt").size());
    CPPUNIT_ASSERT_EQUAL(std::string("\"1\""), created.header("etag"));
    CPPUNIT_ASSERT(created.header("content-type").find("application/json") == 0);

    const std::int64_t id = integer(suite, "id");
    const auto read = call(motel, "GET", path("/api/suites", id), motel.staff);
    expect(200, read);
    CPPUNIT_ASSERT_EQUAL(std::string("\"1\""), read.header("etag"));

    const auto full = createSuite(motel, R"({"number":"102","floor":1,"name":"Garden","type":"deluxe",
        "occupancy":"occupied","condition":"dirty","serviceState":"in_service","notes":"Quiet side"})");
    CPPUNIT_ASSERT_EQUAL(std::string("Garden"), text(full, "name"));
    CPPUNIT_ASSERT_EQUAL(std::string("deluxe"), text(full, "type"));

    expect(403, call(motel, "POST", "/api/suites", motel.staff, R"({"number":"103","floor":1})"));
    expect(403, call(motel, "DELETE", path("/api/suites", id), motel.staff));
    const auto deleted = call(motel, "DELETE", path("/api/suites", id), motel.manager);
    CPPUNIT_ASSERT_EQUAL(204, deleted.status);
    CPPUNIT_ASSERT(deleted.body.empty());
    CPPUNIT_ASSERT_EQUAL(std::string("Suite " + std::to_string(id) + " not found"),
                         messageOf(call(motel, "GET", path("/api/suites", id), motel.staff)));
    expect(404, call(motel, "DELETE", path("/api/suites", id), motel.manager));
    CPPUNIT_ASSERT_EQUAL(204, call(motel, "DELETE", path("/api/suites", integer(full, "id")), motel.admin).status);
}

void SuiteApiScenarios::invalidBodiesIdsAndDuplicates() {
    const Motel motel = start();
    const auto bad = call(motel, "POST", "/api/suites", motel.manager,
                          R"({"number":"","floor":"two","occupancy":"full","condition":"sparkling",
                              "serviceState":"broken","colour":"red"})");
    expectProblem(bad, "number must not be empty");
    expectProblem(bad, "floor must be an integer");
    expectProblem(bad, "occupancy must be one of the following values: vacant, occupied");
    expectProblem(bad, "condition must be one of the following values: dirty, clean, inspected");
    expectProblem(bad, "serviceState must be one of the following values: in_service, out_of_service, out_of_order");
    expectProblem(bad, "property colour should not exist");
    expectProblem(call(motel, "POST", "/api/suites", motel.manager, "{}"), "floor must not be empty");
    expectProblem(call(motel, "POST", "/api/suites", motel.manager, R"({"number":"1","floor":1.5})"),
                  "floor must be an integer");

    const auto suite = createSuite(motel, R"({"number":"101","floor":1})");
    const auto duplicate = call(motel, "POST", "/api/suites", motel.manager, R"({"number":"101","floor":2})");
    expect(409, duplicate);
    CPPUNIT_ASSERT_EQUAL(std::string("Suite number 101 already exists"), messageOf(duplicate));
    createSuite(motel, R"({"number":"102","floor":1})");
    expect(409, call(motel, "PATCH", path("/api/suites", integer(suite, "id")), motel.manager, R"({"number":"102"})"));

    const auto nonNumeric = call(motel, "GET", "/api/suites/abc", motel.staff);
    expect(400, nonNumeric);
    CPPUNIT_ASSERT_EQUAL(std::string("[id must be an integer]"), messageOf(nonNumeric));
    expect(400, call(motel, "PATCH", "/api/suites/1x", motel.manager, R"({"notes":"x"})"));
    expect(404, call(motel, "GET", "/api/suites/99999999999999999999999", motel.staff));
    expect(404, call(motel, "GET", "/api/suites/424242", motel.staff));
    expect(404, call(motel, "GET", "/api/suites/424242/history", motel.staff));
    expect(404, call(motel, "PATCH", "/api/suites/424242", motel.manager, R"({"notes":"x"})"));

    const std::string id = std::to_string(integer(suite, "id"));
    expectProblem(call(motel, "PATCH", "/api/suites/" + id, motel.manager, R"({"floor":null})"),
                  "floor must not be empty");
    expectProblem(call(motel, "PATCH", "/api/suites/" + id, motel.manager, R"({"version":7})"),
                  "property version should not exist");
    const auto notJson =
        motel.host->request("PATCH", "/api/suites/" + id, "condition=dirty",
                            {{"Content-Type", "text/plain"}, {"Authorization", "Bearer " + motel.manager}});
    CPPUNIT_ASSERT_EQUAL(415, notJson.status);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), integer(getSuite(motel, integer(suite, "id")), "version"));
}

void SuiteApiScenarios::listFiltersSortsAndPages() {
    const Motel motel = start();
    createSuite(motel, R"({"number":"203","floor":2,"occupancy":"occupied"})");
    createSuite(motel, R"({"number":"101","floor":1,"condition":"dirty"})");
    createSuite(motel, R"({"number":"202","floor":2,"serviceState":"out_of_order"})");
    createSuite(motel, R"({"number":"102","floor":1,"condition":"inspected"})");
    createSuite(motel, R"({"number":"301","floor":3,"serviceState":"out_of_service","condition":"dirty"})");

    const auto all = expect(200, call(motel, "GET", "/api/suites", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(5), integer(all, "total"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(50), integer(all, "limit"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0), integer(all, "offset"));
    CPPUNIT_ASSERT_EQUAL(std::string("203,101,202,102,301"), numbersOf(all->getArray("data"))); // by id

    CPPUNIT_ASSERT_EQUAL(std::string("101,301"),
                         numbersOf(data(call(motel, "GET", "/api/suites?condition=dirty", motel.staff))));
    CPPUNIT_ASSERT_EQUAL(std::string("203"),
                         numbersOf(data(call(motel, "GET", "/api/suites?occupancy=occupied", motel.staff))));
    CPPUNIT_ASSERT_EQUAL(std::string("202"),
                         numbersOf(data(call(motel, "GET", "/api/suites?serviceState=out_of_order", motel.staff))));
    CPPUNIT_ASSERT_EQUAL(std::string("203,202"),
                         numbersOf(data(call(motel, "GET", "/api/suites?floor=2", motel.staff))));
    CPPUNIT_ASSERT_EQUAL(std::string("101"),
                         numbersOf(data(call(motel, "GET", "/api/suites?floor=1&condition=dirty", motel.staff))));

    CPPUNIT_ASSERT_EQUAL(std::string("101,102,202,203,301"),
                         numbersOf(data(call(motel, "GET", "/api/suites?sort=number", motel.staff))));
    CPPUNIT_ASSERT_EQUAL(std::string("301,203,202,102,101"),
                         numbersOf(data(call(motel, "GET", "/api/suites?sort=-number", motel.staff))));
    CPPUNIT_ASSERT_EQUAL(std::string("301,203,202,101,102"),
                         numbersOf(data(call(motel, "GET", "/api/suites?sort=-floor", motel.staff))));
    expect(200, call(motel, "PATCH", "/api/suites/1", motel.manager, R"({"notes":"touched last"})"));
    const auto byUpdate = numbersOf(data(call(motel, "GET", "/api/suites?sort=-updatedAt", motel.staff)));
    CPPUNIT_ASSERT_EQUAL(std::string("203"), byUpdate.substr(0, 3));

    const auto page = expect(200, call(motel, "GET", "/api/suites?sort=number&limit=2&offset=2", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("202,203"), numbersOf(page->getArray("data")));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(5), integer(page, "total"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(2), integer(page, "limit"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(2), integer(page, "offset"));
    const auto pastEnd = expect(200, call(motel, "GET", "/api/suites?offset=10", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), pastEnd->getArray("data")->size());
    CPPUNIT_ASSERT_EQUAL(std::int64_t(5), integer(pastEnd, "total"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(200),
                         integer(expect(200, call(motel, "GET", "/api/suites?limit=1000", motel.staff)), "limit"));

    for (const char* bad : {"limit=0", "limit=-3", "offset=-1", "limit=ten", "condition=sparkling", "floor=two",
                            "occupancy=full", "serviceState=x", "sort=name", "sort=-type"})
        CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, 400,
                                     call(motel, "GET", std::string("/api/suites?") + bad, motel.staff).status);
}

void SuiteApiScenarios::listsAnswerIfNoneMatchWith304UntilTheDataChanges() {
    const Motel motel = start();
    createSuite(motel, R"({"number":"101","floor":1})");
    const auto get = [&](const std::string& target, const std::string& ifNoneMatch) {
        std::map<std::string, std::string> headers{{"Authorization", "Bearer " + motel.staff}};
        if (!ifNoneMatch.empty()) headers["If-None-Match"] = ifNoneMatch;
        return motel.host->request("GET", target, "", headers);
    };
    for (const std::string list : {"/api/suites?limit=10", "/api/tasks"}) {
        const auto first = get(list, "");
        expect(200, first);
        const std::string etag = first.header("etag");
        CPPUNIT_ASSERT_MESSAGE(list, etag.size() > 2 && etag.front() == '"' && etag.back() == '"');
        CPPUNIT_ASSERT_EQUAL(etag, get(list, "").header("etag")); // the same data, the same tag

        const auto unchanged = get(list, etag);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(list, 304, unchanged.status);
        CPPUNIT_ASSERT(unchanged.body.empty());
        CPPUNIT_ASSERT_EQUAL(etag, unchanged.header("etag"));
        CPPUNIT_ASSERT_EQUAL(304, get(list, "\"other\", W/" + etag).status);
        CPPUNIT_ASSERT_EQUAL(200, get(list, "\"other\"").status);
        CPPUNIT_ASSERT_EQUAL(first.body, get(list, "\"other\"").body);
    }

    // Any change to an item on the page, or to the total, gives a new tag.
    const auto before = get("/api/suites?limit=10", "");
    const std::string etag = before.header("etag");
    expect(200, call(motel, "PATCH", "/api/suites/1", motel.manager, R"({"notes":"new towels"})"));
    const auto changed = get("/api/suites?limit=10", etag);
    expect(200, changed);
    CPPUNIT_ASSERT(changed.header("etag") != etag);
    CPPUNIT_ASSERT(changed.body.find("new towels") != std::string::npos);
    createSuite(motel, R"({"number":"102","floor":1})");
    CPPUNIT_ASSERT_EQUAL(200, get("/api/suites?limit=1", changed.header("etag")).status);
    // A filter that selects other rows has its own tag.
    CPPUNIT_ASSERT(get("/api/suites?floor=1", "").header("etag") != get("/api/suites?floor=2", "").header("etag"));
    // The tag never replaces the token check.
    CPPUNIT_ASSERT_EQUAL(401, motel.host->request("GET", "/api/suites", "", {{"If-None-Match", "*"}}).status);
}

void SuiteApiScenarios::checkOutMakesDirtyAndPutsACleaningTaskOnTheBoard() {
    const Motel motel = start();
    const auto suite =
        createSuite(motel, R"({"number":"105","floor":1,"occupancy":"occupied","condition":"inspected"})");
    const std::int64_t id = integer(suite, "id");
    // A check-out wins over a condition sent with it.
    const auto changed =
        call(motel, "PATCH", path("/api/suites", id), motel.manager, R"({"occupancy":"vacant","condition":"clean"})");
    const auto after = expect(200, changed);
    CPPUNIT_ASSERT_EQUAL(std::string("vacant"), text(after, "occupancy"));
    CPPUNIT_ASSERT_EQUAL(std::string("dirty"), text(after, "condition"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(2), integer(after, "version"));
    CPPUNIT_ASSERT_EQUAL(std::string("\"2\""), changed.header("etag"));

    const auto tasks = data(call(motel, "GET", "/api/tasks?suiteId=" + std::to_string(id), motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), tasks->size());
    const auto task = tasks->getObject(0);
    CPPUNIT_ASSERT_EQUAL(std::string("cleaning"), text(task, "type"));
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), text(task, "status"));
    CPPUNIT_ASSERT_EQUAL(std::string("Clean suite 105"), text(task, "title"));
    CPPUNIT_ASSERT(task->isNull("assigneeId"));
    CPPUNIT_ASSERT_EQUAL(std::string("normal"), text(task, "priority"));

    // A second PATCH to vacant is no check-out: no second task.
    expect(200, call(motel, "PATCH", path("/api/suites", id), motel.manager, R"({"occupancy":"vacant"})"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), data(call(motel, "GET", "/api/tasks", motel.staff))->size());
}

void SuiteApiScenarios::checkInNeedsInServiceAndInspectedNeedsClean() {
    const Motel motel = start();
    const auto broken = createSuite(motel, R"({"number":"110","floor":1,"serviceState":"out_of_order"})");
    const std::string brokenPath = path("/api/suites", integer(broken, "id"));
    expect(409, call(motel, "PATCH", brokenPath, motel.manager, R"({"occupancy":"occupied"})"));
    expect(409, call(motel, "PATCH", brokenPath, motel.manager, R"({"occupancy":"occupied","notes":"x"})"));
    const auto unchanged = getSuite(motel, integer(broken, "id"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), integer(unchanged, "version"));
    CPPUNIT_ASSERT(unchanged->isNull("notes"));
    // Creating a suite is not a check-in: an import may bring any combination of states.
    const auto imported = expect(201, call(motel, "POST", "/api/suites", motel.manager,
                                           R"({"number":"111","floor":1,"occupancy":"occupied",)"
                                           R"("serviceState":"out_of_service","condition":"inspected"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_service"), text(imported, "serviceState"));
    CPPUNIT_ASSERT_EQUAL(std::string("occupied"), text(imported, "occupancy"));
    expect(
        201,
        call(motel, "POST", "/api/suites", motel.manager,
             R"({"number":"113","floor":1,"occupancy":"occupied","serviceState":"out_of_order","condition":"dirty"})"));

    const auto fine = createSuite(motel, R"({"number":"112","floor":1})");
    const std::string finePath = path("/api/suites", integer(fine, "id"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("occupied"),
        text(expect(200, call(motel, "PATCH", finePath, motel.manager, R"({"occupancy":"occupied"})")), "occupancy"));

    expect(200, call(motel, "PATCH", finePath, motel.manager, R"({"condition":"dirty"})"));
    expect(409, call(motel, "PATCH", finePath, motel.manager, R"({"condition":"inspected"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("dirty"), text(getSuite(motel, integer(fine, "id")), "condition"));
    expect(200, call(motel, "PATCH", finePath, motel.manager, R"({"condition":"clean"})"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("inspected"),
        text(expect(200, call(motel, "PATCH", finePath, motel.manager, R"({"condition":"inspected"})")), "condition"));
}

void SuiteApiScenarios::staffMayOnlyMarkDirtyOrClean() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"120","floor":1})");
    const std::string suitePath = path("/api/suites", integer(suite, "id"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("dirty"),
        text(expect(200, call(motel, "PATCH", suitePath, motel.staff, R"({"condition":"dirty"})")), "condition"));
    expect(200, call(motel, "PATCH", suitePath, motel.staff, R"({"condition":"clean"})"));
    expect(403, call(motel, "PATCH", suitePath, motel.staff, R"({"condition":"inspected"})"));
    expect(403, call(motel, "PATCH", suitePath, motel.staff, R"({"notes":"leaky tap"})"));
    expect(403, call(motel, "PATCH", suitePath, motel.staff, R"({"condition":"dirty","occupancy":"occupied"})"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(3), integer(getSuite(motel, integer(suite, "id")), "version"));
    // Order of checks: 404 before the ownership 403.
    expect(404, call(motel, "PATCH", "/api/suites/999999", motel.staff, R"({"notes":"x"})"));
}

void SuiteApiScenarios::ifMatchGuardsChanges() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"130","floor":1})");
    const std::string suitePath = path("/api/suites", integer(suite, "id"));
    const auto stale = call(motel, "PATCH", suitePath, motel.manager, R"({"notes":"x"})", "7");
    expect(412, stale);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), integer(getSuite(motel, integer(suite, "id")), "version"));
    const auto fresh = call(motel, "PATCH", suitePath, motel.manager, R"({"notes":"x"})", "1");
    CPPUNIT_ASSERT_EQUAL(std::string("\"2\""), fresh.header("etag"));
    expect(412, call(motel, "PATCH", suitePath, motel.manager, R"({"notes":"y"})", "1"));
    // 412 comes before the state machine's 409 ...
    expect(412, call(motel, "PATCH", suitePath, motel.manager,
                     R"({"serviceState":"out_of_order","occupancy":"occupied"})", "1"));
    // ... and after the ownership 403.
    expect(403, call(motel, "PATCH", suitePath, motel.staff, R"({"notes":"z"})", "1"));
    expect(412, call(motel, "DELETE", suitePath, motel.manager, "", "1"));
    const auto malformed = motel.host->request(
        "PATCH", suitePath, R"({"notes":"q"})",
        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + motel.manager}, {"If-Match", "\"abc\""}});
    CPPUNIT_ASSERT_EQUAL(400, malformed.status);
    // A list holds when one tag matches; a weak tag never does (RFC 9110 13.1.1).
    const auto withIfMatch = [&](const std::string& method, const std::string& body, const std::string& tags) {
        return motel.host->request(
            method, suitePath, body,
            {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + motel.manager}, {"If-Match", tags}});
    };
    CPPUNIT_ASSERT_EQUAL(412, withIfMatch("PATCH", R"({"notes":"w"})", "W/\"2\"").status);
    CPPUNIT_ASSERT_EQUAL(412, withIfMatch("PATCH", R"({"notes":"w"})", "\"1\", W/\"2\"").status);
    CPPUNIT_ASSERT_EQUAL(200, withIfMatch("PATCH", R"({"notes":"w"})", "\"1\", \"2\"").status);
    CPPUNIT_ASSERT_EQUAL(204, call(motel, "DELETE", suitePath, motel.manager, "", "3").status);
}

void SuiteApiScenarios::historyKeepsEveryChangedField() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"140","floor":1})");
    const std::int64_t id = integer(suite, "id");
    const std::string suitePath = path("/api/suites", id);
    expect(200, call(motel, "PATCH", suitePath, motel.manager, R"({"floor":2,"name":"Lake","type":"standard"})"));
    expect(200, call(motel, "PATCH", suitePath, motel.staff, R"({"condition":"dirty"})"));
    expect(200, call(motel, "PATCH", suitePath, motel.staff, R"({"condition":"dirty"})")); // no change, no row

    const auto history = expect(200, call(motel, "GET", suitePath + "/history", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(3), integer(history, "total"));
    const auto rows = history->getArray("data");
    const auto newest = rows->getObject(0);
    const std::vector<std::string> fields{"actorId", "at", "field", "from", "source", "taskId", "to"};
    CPPUNIT_ASSERT(fields == namesOf(newest));
    CPPUNIT_ASSERT_EQUAL(std::string("condition"), text(newest, "field"));
    CPPUNIT_ASSERT_EQUAL(std::string("clean"), text(newest, "from"));
    CPPUNIT_ASSERT_EQUAL(std::string("dirty"), text(newest, "to"));
    CPPUNIT_ASSERT_EQUAL(motel.staffId, integer(newest, "actorId"));
    CPPUNIT_ASSERT_EQUAL(std::string("api"), text(newest, "source"));
    CPPUNIT_ASSERT(newest->isNull("taskId"));
    std::map<std::string, Poco::JSON::Object::Ptr> byField;
    for (unsigned i = 1; i < rows->size(); ++i) byField[text(rows->getObject(i), "field")] = rows->getObject(i);
    CPPUNIT_ASSERT(byField.count("floor") && byField.count("name") && !byField.count("type"));
    CPPUNIT_ASSERT(byField["floor"]->get("from").isInteger()); // JSON types are kept
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), byField["floor"]->getValue<Poco::Int64>("to"));
    CPPUNIT_ASSERT(byField["name"]->isNull("from"));
    CPPUNIT_ASSERT_EQUAL(std::string("Lake"), text(byField["name"], "to"));

    const auto page = expect(200, call(motel, "GET", suitePath + "/history?limit=1&offset=1", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), page->getArray("data")->size());
    CPPUNIT_ASSERT_EQUAL(std::int64_t(3), integer(page, "total"));
    expect(400, call(motel, "GET", suitePath + "/history?sort=at", motel.staff));
    expect(400, call(motel, "GET", suitePath + "/history?limit=0", motel.staff));

    // A task's effect is recorded with source `task` and the task's id.
    const auto task =
        createTask(motel, motel.staff, R"({"type":"cleaning","title":"Clean","suiteId":)" + std::to_string(id) + "}");
    expect(200, act(motel, integer(task, "id"), "start", motel.staff));
    expect(200, act(motel, integer(task, "id"), "complete", motel.staff));
    const auto effect = data(call(motel, "GET", suitePath + "/history", motel.staff))->getObject(0);
    CPPUNIT_ASSERT_EQUAL(std::string("task"), text(effect, "source"));
    CPPUNIT_ASSERT_EQUAL(integer(task, "id"), integer(effect, "taskId"));
    CPPUNIT_ASSERT_EQUAL(std::string("clean"), text(effect, "to"));
}

void SuiteApiScenarios::deleteRefusedWhileTasksAreOpen() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"150","floor":1})");
    const std::int64_t id = integer(suite, "id");
    const auto task = createTask(motel, motel.manager,
                                 R"({"type":"maintenance","title":"Fix tap","suiteId":)" + std::to_string(id) + "}");
    expect(409, call(motel, "DELETE", path("/api/suites", id), motel.manager));
    getSuite(motel, id);
    expect(200, act(motel, integer(task, "id"), "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(204, call(motel, "DELETE", path("/api/suites", id), motel.manager).status);
    // The closed task outlives its suite, with no suite.
    CPPUNIT_ASSERT(getTask(motel, integer(task, "id"))->isNull("suiteId"));
    expect(404, call(motel, "GET", path("/api/suites", id, "/history"), motel.staff));
}

void SuiteApiScenarios::everyRouteNeedsAToken() {
    const Motel motel = start();
    for (const auto& [method, route] :
         std::vector<std::pair<std::string, std::string>>{{"GET", "/api/suites"},
                                                          {"POST", "/api/suites"},
                                                          {"GET", "/api/suites/1"},
                                                          {"PATCH", "/api/suites/1"},
                                                          {"DELETE", "/api/suites/1"},
                                                          {"GET", "/api/suites/1/history"},
                                                          {"GET", "/api/tasks"},
                                                          {"POST", "/api/tasks"},
                                                          {"GET", "/api/tasks/abc"},
                                                          {"PATCH", "/api/tasks/1"},
                                                          {"DELETE", "/api/tasks/1"},
                                                          {"POST", "/api/tasks/1/start"},
                                                          {"POST", "/api/tasks/1/complete"},
                                                          {"POST", "/api/tasks/1/release"},
                                                          {"POST", "/api/tasks/1/cancel"},
                                                          {"POST", "/api/tasks/1/reopen"}}) {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(method + " " + route, 401, call(motel, method, route, "").status);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(method + " " + route, 401, call(motel, method, route, "not-a-token").status);
    }
    // Known path, other method: 405 with Allow.
    const auto wrongMethod = call(motel, "PUT", "/api/suites/1", motel.manager, "{}");
    CPPUNIT_ASSERT_EQUAL(405, wrongMethod.status);
    CPPUNIT_ASSERT(!wrongMethod.header("allow").empty());
}

} // namespace motel::test
