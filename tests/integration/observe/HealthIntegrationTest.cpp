// The health plugin in a real host: the probes, the exact shape of /health
// and its status under configured memory thresholds.
#include "ObserveTestSupport.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel::test;
using namespace motel::test::observe;

class HealthIntegrationTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HealthIntegrationTest);
    CPPUNIT_TEST(testMinimalHostServesTheProbesOnly);
    CPPUNIT_TEST(testHealthHasTheDocumentedShape);
    CPPUNIT_TEST(testMemoryAboveCriticalIsUnhealthy);
    CPPUNIT_TEST(testMemoryAboveWarningIsDegraded);
    CPPUNIT_TEST(testBadThresholdStopsTheHost);
    CPPUNIT_TEST_SUITE_END();

public:
    void testMinimalHostServesTheProbesOnly() {
        HostProcess host(hostWith({"health"}));
        const HttpResult live = host.request("GET", "/health/live");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(live), 200, live.status);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"status\":\"ok\"}"), live.body);
        CPPUNIT_ASSERT(live.header("content-type").rfind("application/json", 0) == 0);

        const HttpResult ready = host.request("GET", "/health/ready");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(ready), 200, ready.status);

        const HttpResult metrics = host.request("GET", "/metrics");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(metrics), 404, metrics.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Cannot GET /metrics"),
                             orderedBody(metrics)->getValue<std::string>("message"));

        const HttpResult post = host.request("POST", "/health/live");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(post), 405, post.status);
    }

    void testHealthHasTheDocumentedShape() {
        HostProcess host(hostWith({"health"}));
        const HttpResult result = host.request("GET", "/health");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(result), 200, result.status);
        const auto body = orderedBody(result);

        const std::vector<std::string> keys{"status", "timestamp", "version", "uptime", "checks"};
        CPPUNIT_ASSERT(keys == body->getNames());
        CPPUNIT_ASSERT_EQUAL(std::string("healthy"), body->getValue<std::string>("status"));
        const std::string timestamp = body->getValue<std::string>("timestamp");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(timestamp, std::size_t(24), timestamp.size());
        CPPUNIT_ASSERT_EQUAL('Z', timestamp.back());
        CPPUNIT_ASSERT(!body->getValue<std::string>("version").empty());
        CPPUNIT_ASSERT(body->get("uptime").isNumeric());
        CPPUNIT_ASSERT(body->getValue<double>("uptime") >= 0);

        const auto checks = body->getObject("checks");
        const std::vector<std::string> names{"database", "websocket", "memory", "http"};
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, names.size(), checks->size());
        CPPUNIT_ASSERT(names == checks->getNames());

        const auto database = checks->getObject("database");
        CPPUNIT_ASSERT_EQUAL(std::string("up"), database->getValue<std::string>("status"));
        CPPUNIT_ASSERT(database->get("responseTime").isNumeric());

        const auto websocket = checks->getObject("websocket");
        CPPUNIT_ASSERT_EQUAL(std::string("up"), websocket->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(0, websocket->getObject("details")->getValue<int>("connectedUsers"));

        const auto memory = checks->getObject("memory");
        CPPUNIT_ASSERT_EQUAL(std::string("up"), memory->getValue<std::string>("status"));
        CPPUNIT_ASSERT(memory->getObject("details")->get("heapUsedMB").isNumeric());
        CPPUNIT_ASSERT(memory->getObject("details")->getValue<double>("heapUsedMB") > 0);
        CPPUNIT_ASSERT(memory->getObject("details")->getValue<double>("rssMB") > 0);
    }

    void testMemoryAboveCriticalIsUnhealthy() {
        // A 1 MB limit: any real process is far above 90 % of it.
        HostProcess host(hostWith({"health"}, {{"plugins.health.memoryLimitMB", "1"}}));
        const HttpResult result = host.request("GET", "/health");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(result), 503, result.status);
        const auto body = orderedBody(result);
        CPPUNIT_ASSERT_EQUAL(std::string("unhealthy"), body->getValue<std::string>("status"));
        const auto memory = body->getObject("checks")->getObject("memory");
        // The check that made the host unhealthy says so, and why.
        CPPUNIT_ASSERT_EQUAL(std::string("down"), memory->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(1.0, memory->getObject("details")->getValue<double>("limitMB"));
        const auto threshold = memory->getObject("details")->getObject("threshold");
        CPPUNIT_ASSERT_EQUAL(std::string("usagePercent"), threshold->getValue<std::string>("figure"));
        CPPUNIT_ASSERT_EQUAL(90.0, threshold->getValue<double>("limit"));
        CPPUNIT_ASSERT(threshold->getValue<double>("value") > 100);
        // Liveness is not health: the process still serves.
        CPPUNIT_ASSERT_EQUAL(200, host.request("GET", "/health/live").status);
    }

    void testMemoryAboveWarningIsDegraded() {
        HostProcess host(hostWith({"health"}, {{"plugins.health.memoryLimitMB", "1048576"},
                                               {"plugins.health.memoryWarningPercent", "0.000001"},
                                               {"plugins.health.memoryCriticalPercent", "100"}}));
        const HttpResult result = host.request("GET", "/health");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(result), 200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("degraded"), orderedBody(result)->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(
            std::string("degraded"),
            orderedBody(result)->getObject("checks")->getObject("memory")->getValue<std::string>("status"));
    }

    void testBadThresholdStopsTheHost() {
        const HostOptions options = hostWith({"health"}, {{"plugins.health.memoryWarningPercent", "95"}});
        std::string output;
        const int code = HostProcess::runCommand(options, {"serve"}, output);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 78, code); // EX_CONFIG, as config check
        CPPUNIT_ASSERT_MESSAGE(output, output.find("plugins.health.memoryWarningPercent") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HealthIntegrationTest);
