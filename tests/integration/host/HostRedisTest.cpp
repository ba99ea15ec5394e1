// The host with redis.url set: it serves with the Redis-backed cache and job
// engine, and `motel-host cache clear` empties the cache without touching
// queued jobs (the old runbook's FLUSHALL would have destroyed them).
#include "FixtureHost.h"
#include "support/TestRedis.h"

#include <cppunit/extensions/HelperMacros.h>

using namespace motel::test;

class HostRedisTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HostRedisTest);
    CPPUNIT_TEST(servesWithRedisEngines);
    CPPUNIT_TEST(cacheClearSaysWhatItDid);
    CPPUNIT_TEST(cacheClearWithoutRedisExplains);
    CPPUNIT_TEST_SUITE_END();

public:
    void servesWithRedisEngines() {
        HostOptions options;
        options.plugins = {"health"};
        options.properties["redis.url"] = testRedisUrl();
        HostProcess host(options);
        CPPUNIT_ASSERT_EQUAL(200, host.request("GET", "/health/live").status);
        const auto health = host.request("GET", "/health");
        CPPUNIT_ASSERT_MESSAGE(health.body, health.body.find("\"redis\":{\"status\":\"up\"") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0, host.stop());
    }

    void cacheClearSaysWhatItDid() {
        HostOptions options;
        options.properties["redis.url"] = testRedisUrl();
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(options, {"cache", "clear"}, output));
        CPPUNIT_ASSERT_MESSAGE(output,
                               output.find("cache entries (the job queue was not touched)") != std::string::npos);
    }

    void cacheClearWithoutRedisExplains() {
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(HostOptions{}, {"cache", "clear"}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("no shared cache") != std::string::npos);
        CPPUNIT_ASSERT(HostProcess::runCommand(HostOptions{}, {"cache", "wipe"}, output) != 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostRedisTest);
