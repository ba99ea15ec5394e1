#include "TaskEffectScenarios.h"

#include <Poco/String.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace motel::test {

namespace {
std::string id(std::int64_t value) {
    return std::to_string(value);
}

/// `metric value` lines of the Prometheus text, by metric name (no labels).
double metricValue(const std::string& text, const std::string& name) {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
        if (line.rfind(name + " ", 0) == 0) return std::stod(line.substr(name.size() + 1));
    return -1;
}
} // namespace

void TaskEffectScenarios::completingCleaningMakesADirtySuiteClean() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"201","floor":2,"occupancy":"occupied"})");
    const std::int64_t suiteId = integer(suite, "id");
    expect(200, call(motel, "PATCH", path("/api/suites", suiteId), motel.manager, R"({"occupancy":"vacant"})"));
    const auto cleaning =
        data(call(motel, "GET", "/api/tasks?type=cleaning&suiteId=" + id(suiteId), motel.staff))->getObject(0);
    const std::int64_t taskId = integer(cleaning, "id");
    expect(200, act(motel, taskId, "start", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("dirty"), text(getSuite(motel, suiteId), "condition"));
    expect(200, act(motel, taskId, "complete", motel.staff));
    const auto after = getSuite(motel, suiteId);
    CPPUNIT_ASSERT_EQUAL(std::string("clean"), text(after, "condition"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(3), integer(after, "version"));
    // Without requireInspection no inspection is asked for.
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), data(call(motel, "GET", "/api/tasks?type=inspection", motel.staff))->size());

    // Cleaning a suite that is not dirty changes nothing on it.
    const auto extra =
        createTask(motel, motel.staff, R"({"type":"cleaning","title":"Again","suiteId":)" + id(suiteId) + "}");
    expect(200, act(motel, integer(extra, "id"), "start", motel.staff));
    expect(200, act(motel, integer(extra, "id"), "complete", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(3), integer(getSuite(motel, suiteId), "version"));
}

void TaskEffectScenarios::requireInspectionAsksForAnInspection() {
    const Motel motel = start({{"plugins.tasks.requireInspection", "true"}});
    const auto suite = createSuite(motel, R"({"number":"202","floor":2,"condition":"dirty"})");
    const std::int64_t suiteId = integer(suite, "id");
    const auto cleaning =
        createTask(motel, motel.staff, R"({"type":"cleaning","title":"Clean 202","suiteId":)" + id(suiteId) + "}");
    expect(200, act(motel, integer(cleaning, "id"), "start", motel.staff));
    expect(200, act(motel, integer(cleaning, "id"), "complete", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("clean"), text(getSuite(motel, suiteId), "condition"));
    const auto inspections = data(call(motel, "GET", "/api/tasks?type=inspection", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), inspections->size());
    const auto inspection = inspections->getObject(0);
    CPPUNIT_ASSERT_EQUAL(std::string("pending"), text(inspection, "status"));
    CPPUNIT_ASSERT_EQUAL(suiteId, integer(inspection, "suiteId"));
    CPPUNIT_ASSERT(inspection->isNull("outcome"));
}

void TaskEffectScenarios::inspectionPassAndFail() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"203","floor":2})");
    const std::int64_t suiteId = integer(suite, "id");
    const auto inspect = [&](const std::string& body) {
        const auto task = createTask(motel, motel.manager,
                                     R"({"type":"inspection","title":"Inspect","suiteId":)" + id(suiteId) + "}");
        expect(200, act(motel, integer(task, "id"), "start", motel.manager));
        return act(motel, integer(task, "id"), "complete", motel.manager, body);
    };

    // Default outcome: pass; a clean suite becomes inspected.
    const auto passed = expect(200, inspect(""));
    CPPUNIT_ASSERT_EQUAL(std::string("pass"), text(passed, "outcome"));
    CPPUNIT_ASSERT_EQUAL(std::string("inspected"), text(getSuite(motel, suiteId), "condition"));

    // Fail: dirty, and a high-priority re-clean.
    const auto failed = expect(200, inspect(R"({"outcome":"fail","note":"Hair in the sink"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("fail"), text(failed, "outcome"));
    CPPUNIT_ASSERT_EQUAL(std::string("dirty"), text(getSuite(motel, suiteId), "condition"));
    auto recleans = data(call(motel, "GET", "/api/tasks?type=cleaning&status=pending", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), recleans->size());
    CPPUNIT_ASSERT_EQUAL(std::string("high"), text(recleans->getObject(0), "priority"));
    CPPUNIT_ASSERT_EQUAL(suiteId, integer(recleans->getObject(0), "suiteId"));

    // A failed inspection of a suite that is already dirty still asks for a re-clean.
    expect(200, inspect(R"({"outcome":"fail"})"));
    recleans = data(call(motel, "GET", "/api/tasks?type=cleaning&status=pending", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), recleans->size());
    // Passing an inspection of a dirty suite does not make it inspected.
    expect(200, inspect(R"({"outcome":"pass"})"));
    CPPUNIT_ASSERT_EQUAL(std::string("dirty"), text(getSuite(motel, suiteId), "condition"));

    // Reopen clears the outcome.
    const auto reopened = expect(200, act(motel, integer(failed, "id"), "reopen", motel.manager));
    CPPUNIT_ASSERT(reopened->isNull("outcome"));

    // outcome/note only on complete, and only for inspections.
    const auto other =
        createTask(motel, motel.manager, R"({"type":"cleaning","title":"C","suiteId":)" + id(suiteId) + "}");
    expect(200, act(motel, integer(other, "id"), "start", motel.manager));
    expectProblem(act(motel, integer(other, "id"), "complete", motel.manager, R"({"outcome":"pass"})"), "outcome");
    expectProblem(act(motel, integer(other, "id"), "complete", motel.manager, R"({"note":"x"})"), "note");
    expectProblem(act(motel, integer(other, "id"), "release", motel.manager, R"({"note":"x"})"), "note");
    expectProblem(act(motel, integer(failed, "id"), "start", motel.manager, R"({"outcome":"fail"})"), "outcome");
    const auto inspection =
        createTask(motel, motel.manager, R"({"type":"inspection","title":"I","suiteId":)" + id(suiteId) + "}");
    expect(200, act(motel, integer(inspection, "id"), "start", motel.manager));
    expectProblem(act(motel, integer(inspection, "id"), "complete", motel.manager, R"({"outcome":"maybe"})"),
                  "outcome");
    CPPUNIT_ASSERT_EQUAL(std::string("in_progress"), text(getTask(motel, integer(inspection, "id")), "status"));
    CPPUNIT_ASSERT(getTask(motel, integer(other, "id"))->isNull("outcome"));
}

void TaskEffectScenarios::blockingMaintenanceTakesTheSuiteOutOfOrder() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"204","floor":2})");
    const std::int64_t suiteId = integer(suite, "id");
    const auto state = [&] { return text(getSuite(motel, suiteId), "serviceState"); };
    const std::string body = R"({"type":"maintenance","title":"Fix","blocksSuite":true,"suiteId":)" + id(suiteId) + "}";

    const std::int64_t first = integer(createTask(motel, motel.manager, body), "id");
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    expect(409, call(motel, "PATCH", path("/api/suites", suiteId), motel.manager, R"({"occupancy":"occupied"})"));
    const std::int64_t second = integer(createTask(motel, motel.manager, body), "id");

    expect(200, act(motel, first, "start", motel.staff));
    expect(200, act(motel, first, "complete", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state()); // another blocker remains
    expect(200, act(motel, second, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), state());

    expect(200, act(motel, first, "reopen", motel.manager)); // reopening blocks again
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    CPPUNIT_ASSERT_EQUAL(204, call(motel, "DELETE", path("/api/tasks", first), motel.manager).status);
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), state()); // deleting an open blocker releases

    // Unblocking by PATCH releases; blocking by PATCH blocks.
    const std::int64_t third = integer(createTask(motel, motel.manager, body), "id");
    expect(200, call(motel, "PATCH", path("/api/tasks", third), motel.manager, R"({"blocksSuite":false})"));
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), state());
    expect(200, call(motel, "PATCH", path("/api/tasks", third), motel.manager, R"({"blocksSuite":true})"));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    expectProblem(call(motel, "PATCH", path("/api/tasks", third), motel.manager, R"({"type":"cleaning"})"),
                  "blocksSuite requires type maintenance");
    expectProblem(call(motel, "PATCH", path("/api/tasks", third), motel.manager, R"({"suiteId":null})"),
                  "blocksSuite requires a suiteId");
    expect(200, act(motel, third, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), state());

    // The history tells the story, from the tasks.
    const auto rows = data(call(motel, "GET", path("/api/suites", suiteId, "/history"), motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("task"), text(rows->getObject(0), "source"));
    CPPUNIT_ASSERT_EQUAL(third, integer(rows->getObject(0), "taskId"));
}

void TaskEffectScenarios::aBlockedSuiteReturnsToItsEarlierServiceState() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"206","floor":2,"serviceState":"out_of_service"})");
    const std::int64_t suiteId = integer(suite, "id");
    const auto state = [&] { return text(getSuite(motel, suiteId), "serviceState"); };
    const std::string body = R"({"type":"maintenance","title":"Fix","blocksSuite":true,"suiteId":)" + id(suiteId) + "}";

    // Two blockers: the suite comes back to the state before the first one,
    // and only when the last one closes.
    const std::int64_t first = integer(createTask(motel, motel.manager, body), "id");
    const std::int64_t second = integer(createTask(motel, motel.manager, body), "id");
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    expect(200, act(motel, first, "start", motel.staff));
    expect(200, act(motel, first, "complete", motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    expect(200, act(motel, second, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_service"),
                         state()); // never in_service: a task does not override a manager

    // The history shows both task effects, from the tasks, in JSON.
    const auto rows = data(call(motel, "GET", path("/api/suites", suiteId, "/history"), motel.staff));
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), rows->size());
    const auto released = rows->getObject(0);
    CPPUNIT_ASSERT_EQUAL(std::string("serviceState"), text(released, "field"));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), text(released, "from"));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_service"), text(released, "to"));
    CPPUNIT_ASSERT_EQUAL(std::string("task"), text(released, "source"));
    CPPUNIT_ASSERT_EQUAL(second, integer(released, "taskId"));
    CPPUNIT_ASSERT_EQUAL(motel.managerId, integer(released, "actorId"));
    CPPUNIT_ASSERT_EQUAL(std::string("task"), text(rows->getObject(1), "source"));
    CPPUNIT_ASSERT_EQUAL(first, integer(rows->getObject(1), "taskId"));

    // Reopening blocks again and restores the same state; so does deleting.
    expect(200, act(motel, first, "reopen", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    CPPUNIT_ASSERT_EQUAL(204, call(motel, "DELETE", path("/api/tasks", first), motel.manager).status);
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_service"), state());

    // A suite a manager put out of order stays out of order.
    expect(200,
           call(motel, "PATCH", path("/api/suites", suiteId), motel.manager, R"({"serviceState":"out_of_order"})"));
    const std::int64_t third = integer(createTask(motel, motel.manager, body), "id");
    expect(200, act(motel, third, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    // And one that was in service goes back in service.
    expect(200, call(motel, "PATCH", path("/api/suites", suiteId), motel.manager, R"({"serviceState":"in_service"})"));
    const std::int64_t fourth = integer(createTask(motel, motel.manager, body), "id");
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    expect(200, act(motel, fourth, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), state());
}

void TaskEffectScenarios::aManagersServiceStateOutlivesTheBlock() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"207","floor":2})");
    const std::int64_t suiteId = integer(suite, "id");
    const auto state = [&] { return text(getSuite(motel, suiteId), "serviceState"); };
    const std::string body = R"({"type":"maintenance","title":"Fix","blocksSuite":true,"suiteId":)" + id(suiteId) + "}";
    const auto setState = [&](const std::string& value) {
        return text(expect(200, call(motel, "PATCH", path("/api/suites", suiteId), motel.manager,
                                     R"({"serviceState":")" + value + R"("})")),
                    "serviceState");
    };

    // A manager takes a blocked suite out of service: that stands when the task closes.
    const std::int64_t first = integer(createTask(motel, motel.manager, body), "id");
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_service"), setState("out_of_service"));
    expect(200, act(motel, first, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_service"), state());

    // A manager puts a blocked suite back in service, then out of order by
    // hand: closing the task leaves it out of order (the manager's latest word).
    expect(200, act(motel, first, "reopen", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), setState("in_service"));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), setState("out_of_order"));
    expect(200, act(motel, first, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());

    // After a manager's in_service during a block, a new blocker remembers
    // in_service, and the last one to close restores it.
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), setState("in_service"));
    const std::int64_t second = integer(createTask(motel, motel.manager, body), "id");
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), setState("in_service"));
    const std::int64_t third = integer(createTask(motel, motel.manager, body), "id");
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    expect(200, act(motel, second, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), state());
    expect(200, act(motel, third, "cancel", motel.manager));
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), state());
}

void TaskEffectScenarios::concurrentCompletesOneWinsOneConflicts() {
    const Motel motel = start();
    const auto suite = createSuite(motel, R"({"number":"205","floor":2,"condition":"dirty"})");
    const std::int64_t suiteId = integer(suite, "id");
    for (int round = 0; round < 5; ++round) {
        const auto task =
            createTask(motel, motel.manager, R"({"type":"cleaning","title":"Race","suiteId":)" + id(suiteId) + "}");
        const std::int64_t taskId = integer(task, "id");
        expect(200, act(motel, taskId, "start", motel.manager));
        int statuses[2] = {0, 0};
        std::thread one([&] { statuses[0] = act(motel, taskId, "complete", motel.manager).status; });
        std::thread two([&] { statuses[1] = act(motel, taskId, "complete", motel.admin).status; });
        one.join();
        two.join();
        const std::multiset<int> seen{statuses[0], statuses[1]};
        CPPUNIT_ASSERT_MESSAGE(std::to_string(statuses[0]) + "/" + std::to_string(statuses[1]),
                               (seen == std::multiset<int>{200, 409}));
        const auto after = getTask(motel, taskId);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), integer(after, "version"));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), text(after, "status"));
        expect(200, call(motel, "PATCH", path("/api/suites", suiteId), motel.manager, R"({"condition":"dirty"})"));
    }
    // Each completed cleaning made the suite clean exactly once.
    const auto history = data(call(motel, "GET", path("/api/suites", suiteId, "/history?limit=200"), motel.staff));
    int cleaned = 0;
    for (unsigned i = 0; i < history->size(); ++i)
        if (text(history->getObject(i), "source") == "task") ++cleaned;
    CPPUNIT_ASSERT_EQUAL(5, cleaned);
}

void TaskEffectScenarios::metricsFollowEveryChange() {
    const Motel motel = start({}, {"health", "auth", "suites", "tasks", "metrics"});
    const auto scrape = [&] { return motel.host->request("GET", "/metrics/prometheus").body; };
    const std::string initial = scrape();
    CPPUNIT_ASSERT_MESSAGE(initial, initial.find("# TYPE motel_suites_total untyped") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(initial, initial.find("# TYPE motel_tasks_total untyped") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(0.0, metricValue(initial, "motel_suites_total"));

    const auto suite = createSuite(motel, R"({"number":"206","floor":2,"occupancy":"occupied"})");
    createSuite(motel, R"({"number":"207","floor":2})");
    expect(200,
           call(motel, "PATCH", path("/api/suites", integer(suite, "id")), motel.manager, R"({"occupancy":"vacant"})"));
    const std::int64_t started = integer(createTask(motel, motel.manager, R"({"type":"other","title":"x"})"), "id");
    expect(200, act(motel, started, "start", motel.manager));
    const std::int64_t gone = integer(createTask(motel, motel.manager, R"({"type":"other","title":"y"})"), "id");
    CPPUNIT_ASSERT_EQUAL(204, call(motel, "DELETE", path("/api/tasks", gone), motel.manager).status);

    const std::string text = scrape();
    CPPUNIT_ASSERT_EQUAL(2.0, metricValue(text, "motel_suites_total"));
    CPPUNIT_ASSERT_EQUAL(2.0, metricValue(text, "motel_tasks_total"));
    CPPUNIT_ASSERT_EQUAL(1.0, metricValue(text, "motel_tasks_pending")); // the check-out's cleaning task
    CPPUNIT_ASSERT_EQUAL(1.0, metricValue(text, "motel_tasks_in_progress"));
}

void TaskEffectScenarios::seedBuildsADemoMotelOnce() {
    HostOptions opts = options(freshDatabaseUrl());
    opts.command = "serve";
    std::string output;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 0, HostProcess::runCommand(opts, {"seed"}, output));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 0, HostProcess::runCommand(opts, {"seed"}, output));

    HostProcess host(opts);
    const std::string admin = login(host, kAdminEmail, kAdminPassword);
    const auto suites = expect(200, host.json("GET", "/api/suites?limit=200&sort=number", "", admin));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(30), integer(suites, "total"));
    const auto list = suites->getArray("data");
    CPPUNIT_ASSERT_EQUAL(std::string("101"), text(list->getObject(0), "number"));
    CPPUNIT_ASSERT_EQUAL(std::string("310"), text(list->getObject(29), "number"));
    std::set<std::string> states;
    for (unsigned i = 0; i < list->size(); ++i) {
        states.insert(text(list->getObject(i), "condition"));
        states.insert(text(list->getObject(i), "serviceState"));
    }
    CPPUNIT_ASSERT(states.count("dirty") && states.count("clean") && states.count("inspected") &&
                   states.count("out_of_order"));

    const auto tasks = expect(200, host.json("GET", "/api/tasks?limit=200", "", admin));
    CPPUNIT_ASSERT(integer(tasks, "total") >= 20);
    // The seeded staff have work assigned.
    const auto users = expect(200, host.json("GET", "/api/users?limit=200", "", admin))->getArray("data");
    std::int64_t staff1 = 0;
    for (unsigned i = 0; i < users->size(); ++i)
        if (Poco::toLower(text(users->getObject(i), "email")) == "staff1@motel.test")
            staff1 = integer(users->getObject(i), "id");
    CPPUNIT_ASSERT(staff1 > 0);
    CPPUNIT_ASSERT(integer(expect(200, host.json("GET", "/api/tasks?assigneeId=" + id(staff1), "", admin)), "total") >
                   0);
    // Every out-of-order suite has an open blocking task.
    const auto blocked =
        expect(200, host.json("GET", "/api/suites?serviceState=out_of_order", "", admin))->getArray("data");
    for (unsigned i = 0; i < blocked->size(); ++i) {
        const auto blockers = data(host.json("GET",
                                             "/api/tasks?status=pending,in_progress&type=maintenance&suiteId=" +
                                                 id(integer(blocked->getObject(i), "id")),
                                             "", admin));
        CPPUNIT_ASSERT(blockers->size() >= 1);
        CPPUNIT_ASSERT(blockers->getObject(0)->getValue<bool>("blocksSuite"));
    }
    // They are out of order because of those tasks: closing them puts the suite back in service.
    CPPUNIT_ASSERT(blocked->size() >= 1);
    const std::int64_t suiteId = integer(blocked->getObject(0), "id");
    const auto blockers = data(
        host.json("GET", "/api/tasks?status=pending,in_progress&type=maintenance&suiteId=" + id(suiteId), "", admin));
    for (unsigned i = 0; i < blockers->size(); ++i)
        expect(200, host.json("POST", path("/api/tasks", integer(blockers->getObject(i), "id"), "/cancel"), "", admin));
    const auto released = expect(200, host.json("GET", path("/api/suites", suiteId), "", admin));
    CPPUNIT_ASSERT_EQUAL(std::string("in_service"), text(released, "serviceState"));
}

void TaskEffectScenarios::everyDocumentedOperationIsServed() {
    std::ifstream file(std::string(MOTEL_TEST_SOURCE_DIR) + "/docs/openapi.yaml");
    CPPUNIT_ASSERT_MESSAGE("docs/openapi.yaml is missing", file.good());
    // Paths are two-space indented keys under `paths:`, methods four-space keys under them.
    std::vector<std::pair<std::string, std::string>> operations;
    std::string line, current;
    bool inPaths = false;
    static const std::regex pathLine(R"(^  (/[^:]*):\s*$)");
    static const std::regex methodLine(R"(^    (get|post|patch|put|delete):\s*$)");
    std::smatch match;
    while (std::getline(file, line)) {
        if (line.rfind("paths:", 0) == 0)
            inPaths = true;
        else if (!line.empty() && line[0] != ' ' && line[0] != '#')
            inPaths = false;
        if (!inPaths) continue;
        if (std::regex_match(line, match, pathLine))
            current = match[1];
        else if (std::regex_match(line, match, methodLine) && !current.empty())
            operations.emplace_back(Poco::toUpper(std::string(match[1])), current);
    }
    CPPUNIT_ASSERT(operations.size() >= 20);

#ifdef MOTEL_TEST_HAS_APIDOCS
    const Motel motel = start({}, {"health", "auth", "suites", "tasks", "metrics", "apidocs"});
#else
    // Without the apidocs plugin in this build, /api/docs is documented but
    // cannot be served here.
    operations.erase(std::remove_if(operations.begin(), operations.end(),
                                    [](const auto& op) { return op.second.rfind("/api/docs", 0) == 0; }),
                     operations.end());
    const Motel motel = start({}, {"health", "auth", "suites", "tasks", "metrics"});
#endif
    for (const auto& [method, templated] : operations) {
        const std::string concrete = std::regex_replace(templated, std::regex(R"(\{[^}]+\})"), "424242");
        const auto result =
            call(motel, method, concrete, motel.admin, method == "GET" || method == "DELETE" ? "" : "{}");
        const bool unrouted =
            result.status == 405 || (result.status == 404 && result.body.find("Cannot ") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(method + " " + templated + " is documented but not served: " + result.body, !unrouted);
    }
}

} // namespace motel::test
