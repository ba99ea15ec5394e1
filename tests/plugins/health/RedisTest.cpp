// The `redis` check where nothing listens (the URL itself is parsed by
// sdk::RedisUrl, tested in tests/sdk; a live server is in
// tests/integration/observe/HealthRedisTest).
#include "RedisPing.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;
using namespace motel::health;

class RedisTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RedisTest);
    CPPUNIT_TEST(testNothingListeningIsDownAndCritical);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNothingListeningIsDownAndCritical() {
        sdk::RedisUrl address;
        {
            Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
            address.port = socket.address().port();
        } // closed: nothing listens there now
        const sdk::HealthResult result = RedisPing(address, std::chrono::milliseconds(1000))();
        CPPUNIT_ASSERT(!result.up);
        CPPUNIT_ASSERT(result.level == sdk::HealthLevel::critical);
        CPPUNIT_ASSERT(result.responseTimeMs.has_value());
        CPPUNIT_ASSERT(!result.details->getValue<std::string>("error").empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisTest);
