// Two hosts on one PostgreSQL and one Redis run `tasks.overdue` (every 4 s
// here). Redis stops across a tick and comes back. By default the job runs
// at its tick anyway, on both hosts (`jobs.runWithoutRedis`: its database
// stamp keeps a task from being announced twice); with that turned off the
// tick waits and runs on one host as soon as Redis answers, long before the
// next one. Either way every overdue task is announced exactly once across
// both hosts, and both hosts' `motel_tasks_overdue` gauges converge on the
// database's figure, whichever host ran the job.
//
// The Redis server is the test's own (RedisServerProcess, append-only); the
// shared fixture server is never stopped.
#include "FaultSupport.h"
#include "OwnRedis.h"
#include "support/TestPostgres.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <memory>
#include <regex>
#include <thread>

namespace motel::test {

using namespace faults;

namespace {

const std::chrono::seconds kTick(4);

/// `task.overdue` publications per task id, summed over both hosts.
std::map<std::string, int> announcements(const HostProcess& one, const HostProcess& other) {
    std::map<std::string, int> total;
    for (const HostProcess* host : {&one, &other}) {
        const auto result = host->request("GET", "/fault/overdue");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(result), 200, result.status);
        const auto counts = result.json().extract<Poco::JSON::Object::Ptr>();
        for (const auto& [id, count] : *counts) total[id] += count.convert<int>();
    }
    return total;
}

/// The value of an unlabelled or labelled series in /metrics/prometheus; -1 when absent.
double series(const HostProcess& host, const std::string& name) {
    const auto text = host.request("GET", "/metrics/prometheus").body;
    const std::regex line("(^|\n)" + std::regex_replace(name, std::regex(R"([{}."])"), R"(\$&)") + R"( ([0-9.e+-]+))");
    std::smatch match;
    return std::regex_search(text, match, line) ? std::stod(match[2]) : -1;
}

} // namespace

class RedisTickTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RedisTickTest);
    CPPUNIT_TEST(overdueTickMissedDuringARedisRestartRunsOnceAfterwards);
    CPPUNIT_TEST(overdueTickRunsDuringARedisOutageAnnouncingEachTaskOnce);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { redis_ = std::make_unique<OwnRedis>("tick"); }
    void tearDown() override { redis_.reset(); }

    void overdueTickMissedDuringARedisRestartRunsOnceAfterwards() {
        HostOptions options = twoHostOptions();
        options.properties["jobs.runWithoutRedis"] = ""; // the tick must wait for the lease
        HostProcess first(options);
        HostProcess second(options);
        const std::string token = adminToken(first);
        const std::string suiteId = createSuite(first, token, "T1");
        const auto addOverdueTask = [&](int n) {
            addTaskDueLongAgo(first, token, suiteId, "Overdue " + std::to_string(n));
        };

        for (int n = 1; n <= 3; ++n) addOverdueTask(n);
        CPPUNIT_ASSERT(eventually([&] { return announcements(first, second).size() == 3; }));

        // Stop Redis just after a tick, so the next one falls in the outage.
        waitForTick(first, second);
        redis_->server().stop();
        for (int n = 4; n <= 6; ++n) addOverdueTask(n); // HTTP does not need Redis
        CPPUNIT_ASSERT_MESSAGE("no tick fell in the outage; host log:\n" + first.logText(),
                               eventually([&] { return tickWaited(first) && tickWaited(second); }));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), announcements(first, second).size()); // the tick waits for Redis
        redis_->server().start();
        const auto back = std::chrono::steady_clock::now();
        CPPUNIT_ASSERT_MESSAGE("the missed tick was lost; host log:\n" + first.logText(),
                               eventually([&] { return announcements(first, second).size() == 6; }));
        const auto took = std::chrono::steady_clock::now() - back;
        CPPUNIT_ASSERT_MESSAGE("ran at the next regular tick, not when Redis came back",
                               took < kTick - std::chrono::seconds(1));
        const std::string late = "motel_jobs_scheduled_late_total{job=\"tasks.overdue\"}";
        CPPUNIT_ASSERT_EQUAL(1.0, series(first, late) + series(second, late));

        // Two more ticks: nothing is announced twice, on either host.
        waitForTick(first, second);
        waitForTick(first, second);
        for (const auto& [id, count] : announcements(first, second))
            CPPUNIT_ASSERT_EQUAL_MESSAGE("task " + id + " announced more than once", 1, count);
        // Both hosts' gauges agree with the database, whichever ran the job.
        CPPUNIT_ASSERT(eventually(
            [&] { return series(first, "motel_tasks_overdue") == 6 && series(second, "motel_tasks_overdue") == 6; }));
        const std::string runs = "motel_jobs_scheduled_runs_total{job=\"tasks.overdue\"}";
        CPPUNIT_ASSERT(series(first, runs) + series(second, runs) >= 4);
    }

    void overdueTickRunsDuringARedisOutageAnnouncingEachTaskOnce() {
        HostOptions options = twoHostOptions(); // jobs.runWithoutRedis defaults to tasks.overdue
        HostProcess first(options);
        HostProcess second(options);
        const std::string token = adminToken(first);
        const std::string suiteId = createSuite(first, token, "T2");
        redis_->server().stop();
        for (int n = 1; n <= 2; ++n) // overdue from the start; no tick with Redis has seen them
            addTaskDueLongAgo(first, token, suiteId, "Late " + std::to_string(n));
        // Announced during the outage, by whichever host claims each row first.
        CPPUNIT_ASSERT_MESSAGE("not announced while Redis was down; host log:\n" + first.logText(),
                               eventually([&] { return announcements(first, second).size() == 2; }));
        waitForTick(first, second); // more ticks meanwhile, without Redis
        waitForTick(first, second);
        redis_->server().start();
        waitForTick(first, second);
        for (const auto& [id, count] : announcements(first, second))
            CPPUNIT_ASSERT_EQUAL_MESSAGE("task " + id + " announced more than once", 1, count);
        CPPUNIT_ASSERT(first.logText().find("runs without its lease") != std::string::npos ||
                       second.logText().find("runs without its lease") != std::string::npos);
    }

private:
    std::unique_ptr<OwnRedis> redis_;

    HostOptions twoHostOptions() const {
        HostOptions options = redis_->hostOptions({"health", "metrics", "auth", "suites", "tasks", "fault_probe"},
                                                  freshPostgresDatabase());
        options.properties["plugins.tasks.overdueInterval"] = "4s";
        options.properties["plugins.tasks.recountInterval"] = "100ms";
        return options;
    }

    static bool eventually(const std::function<bool()>& condition,
                           std::chrono::milliseconds patience = std::chrono::seconds(15)) {
        const auto deadline = std::chrono::steady_clock::now() + patience;
        while (!condition()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return true;
    }

    /// A new suite's id.
    static std::string createSuite(const HostProcess& host, const std::string& token, const std::string& number) {
        const auto suite = host.json("POST", "/api/suites", R"({"number":")" + number + R"(","floor":1})", token);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(suite), 201, suite.status);
        return suite.json().extract<Poco::JSON::Object::Ptr>()->get("id").toString();
    }

    /// A maintenance task of the suite, due in 2020: overdue at the next tick.
    static void addTaskDueLongAgo(const HostProcess& host, const std::string& token, const std::string& suiteId,
                                  const std::string& title) {
        const auto task = host.json("POST", "/api/tasks",
                                    R"({"suiteId":)" + suiteId + R"(,"type":"maintenance","title":")" + title +
                                        R"(","dueAt":"2020-01-01T00:00:00.000Z"})",
                                    token);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(task), 201, task.status);
    }

    /// The host found `tasks.overdue` due while Redis was down, and waits.
    static bool tickWaited(const HostProcess& host) {
        return host.logText().find("'tasks.overdue': Redis is unreachable; the run waits") != std::string::npos;
    }

    /// Returns right after a `tasks.overdue` run on either host.
    static void waitForTick(const HostProcess& one, const HostProcess& other) {
        const std::string runs = "motel_jobs_scheduled_runs_total{job=\"tasks.overdue\"}";
        const double before = series(one, runs) + series(other, runs);
        CPPUNIT_ASSERT(eventually([&] { return series(one, runs) + series(other, runs) > before; }));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisTickTest);

} // namespace motel::test
