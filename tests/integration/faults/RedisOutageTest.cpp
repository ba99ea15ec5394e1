// Redis goes away under a running host and comes back. HTTP does not depend
// on it: the API keeps answering 2xx (logins included). Real-time events
// still reach the sockets of this host (fan-out falls back to the local
// instance). Jobs queued before the outage are not lost and run after Redis
// returns, and scheduled jobs tick again. With Redis back, events cross
// hosts again.
//
// The Redis server is the test's own (RedisServerProcess, append-only so a
// restart keeps the queue): the shared fixture server is never stopped.
#include "FaultSupport.h"
#include "OwnRedis.h"
#include "support/NodeClient.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <thread>

namespace motel::test {

using namespace faults;

class RedisOutageTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RedisOutageTest);
    CPPUNIT_TEST(hostKeepsServingWithoutRedisAndResumesJobs);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { redis_ = std::make_unique<OwnRedis>("faults"); }
    void tearDown() override { redis_.reset(); }

    void hostKeepsServingWithoutRedisAndResumesJobs() {
        NodeClient::ensureInstalled();
        const HostOptions options =
            redis_->hostOptions({"health", "auth", "suites", "tasks", "realtime", "fault_probe"});
        HostProcess first(options);
        HostProcess second(options);
        const std::string token = adminToken(first);
        const std::string otherToken = adminToken(second);

        // With Redis: jobs run, events cross hosts.
        CPPUNIT_ASSERT_EQUAL(202, first.json("POST", "/fault/jobs", R"({"n":1})").status);
        CPPUNIT_ASSERT(jobDone(first, second, 1));
        expectEvents(first, token, second, otherToken, "before the outage");

        // A job due a little later, still in Redis when it goes away.
        CPPUNIT_ASSERT_EQUAL(202, first.json("POST", "/fault/jobs", R"({"n":2,"delayMs":1500})").status);
        redis_->server().stop();

        // HTTP keeps working, logins included.
        for (int i = 0; i < 5; ++i) {
            const auto created =
                first.json("POST", "/api/suites", R"({"number":"r)" + std::to_string(i) + R"(","floor":1})", token);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(created), 201, created.status);
            CPPUNIT_ASSERT_EQUAL(200, first.json("GET", "/api/suites", "", token).status);
        }
        CPPUNIT_ASSERT_EQUAL(200, adminLogin(first).status);
        CPPUNIT_ASSERT_EQUAL(200, first.request("GET", "/health/live").status);
        // A job queued now is either refused visibly (503) or accepted; an
        // accepted one must run once Redis is back.
        const auto duringOutage = first.json("POST", "/fault/jobs", R"({"n":4})");
        CPPUNIT_ASSERT_MESSAGE(describe(duringOutage), duringOutage.status == 202 || duringOutage.status == 503);
        // Events still reach this host's own sockets.
        expectEvents(first, token, first, token, "during the outage (local fan-out)");

        redis_->server().start();
        // The queued job and the schedule resume by themselves.
        // (A schedule fires once per tick across hosts: count both.)
        const long ticksBack = ticks(first) + ticks(second);
        CPPUNIT_ASSERT_MESSAGE("job 2 was lost; host log:\n" + first.logText(), jobDone(first, second, 2));
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (ticks(first) + ticks(second) <= ticksBack + 2 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        CPPUNIT_ASSERT_MESSAGE("the schedule did not resume; host log:\n" + first.logText(),
                               ticks(first) + ticks(second) > ticksBack + 2);
        if (duringOutage.status == 202)
            CPPUNIT_ASSERT_MESSAGE("job 4, accepted during the outage, was lost", jobDone(first, second, 4));
        CPPUNIT_ASSERT_EQUAL(202, first.json("POST", "/fault/jobs", R"({"n":3})").status);
        CPPUNIT_ASSERT(jobDone(first, second, 3));
        // Events cross hosts again once the bridge reconnected.
        expectEvents(first, token, second, otherToken, "after Redis returned");
    }

private:
    std::unique_ptr<OwnRedis> redis_;

    static HttpResult adminLogin(const HostProcess& host) {
        return host.json("POST", "/api/auth/login",
                         std::string(R"({"email":")") + kAdminEmail + R"(","password":")" + kAdminPassword + R"("})");
    }

    static long ticksOf(const HttpResult& result) {
        return result.status == 200 ? result.json().extract<Poco::JSON::Object::Ptr>()->getValue<long>("ticks") : -1;
    }

    static long ticks(const HostProcess& host) { return ticksOf(host.request("GET", "/fault/jobs")); }

    static bool hasRun(const HostProcess& host, int n) {
        const auto result = host.request("GET", "/fault/jobs");
        if (result.status != 200) return false;
        const auto done = result.json().extract<Poco::JSON::Object::Ptr>()->getArray("done");
        for (std::size_t i = 0; i < done->size(); ++i)
            if (done->getElement<int>(static_cast<unsigned>(i)) == n) return true;
        return false;
    }

    /// Job `n` ran on either host (both consume the shared queue) within `patience`.
    static bool jobDone(const HostProcess& one, const HostProcess& other, int n,
                        std::chrono::seconds patience = std::chrono::seconds(30)) {
        const auto deadline = std::chrono::steady_clock::now() + patience;
        do {
            if (hasRun(one, n) || hasRun(other, n)) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        } while (std::chrono::steady_clock::now() < deadline);
        return false;
    }

    /// A socket on `listening` sees a suite created through `acting`, once.
    static void expectEvents(const HostProcess& listening, const std::string& token, const HostProcess& acting,
                             const std::string& actingToken, const std::string& when) {
        const std::string json = R"({"url":"http://127.0.0.1:)" + std::to_string(listening.port()) + R"(","token":")" +
                                 token + R"(","otherUrl":"http://127.0.0.1:)" + std::to_string(acting.port()) +
                                 R"(","otherToken":")" + actingToken + "\"}";
        // The bridge may need a moment to (re)subscribe: a few attempts.
        ScenarioResult run;
        for (int attempt = 0; attempt < 5 && !run.ok(); ++attempt) {
            if (attempt > 0) std::this_thread::sleep_for(std::chrono::seconds(1));
            run = NodeClient::run("crossHost", json);
        }
        CPPUNIT_ASSERT_MESSAGE(when + ": " + run.output + "\nhost log:\n" + listening.logText(), run.ok());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisOutageTest);

} // namespace motel::test
