// The `redis` check: present only when `redis.url` is set, up with a measured
// round trip against a live server, down (and the host unhealthy) when
// nothing answers at that address.
#include "ObserveTestSupport.h"
#include "support/TestRedis.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel::test;
using namespace motel::test::observe;

namespace {

Poco::JSON::Object::Ptr redisCheckOf(const HttpResult& health) {
    return orderedBody(health)->getObject("checks")->getObject("redis");
}

} // namespace

class HealthRedisTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HealthRedisTest);
    CPPUNIT_TEST(testLiveRedisIsUp);
    CPPUNIT_TEST(testUnreachableRedisIsDownAndUnhealthy);
    CPPUNIT_TEST_SUITE_END();

public:
    void testLiveRedisIsUp() {
        HostProcess host(hostWith({"health"}, {{"redis.url", testRedisUrl()}}));
        const HttpResult health = host.request("GET", "/health");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(health), 200, health.status);
        const auto redis = redisCheckOf(health);
        CPPUNIT_ASSERT_MESSAGE(health.body, !redis.isNull());
        CPPUNIT_ASSERT_EQUAL(std::string("up"), redis->getValue<std::string>("status"));
        CPPUNIT_ASSERT(redis->get("responseTime").isNumeric());
    }

    void testUnreachableRedisIsDownAndUnhealthy() {
        const std::string nowhere = "redis://127.0.0.1:" + std::to_string(freePort());
        HostProcess host(hostWith({"health"}, {{"redis.url", nowhere}}));
        const HttpResult health = host.request("GET", "/health");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(health), 503, health.status);
        CPPUNIT_ASSERT_EQUAL(std::string("unhealthy"), orderedBody(health)->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("down"), redisCheckOf(health)->getValue<std::string>("status"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HealthRedisTest);
