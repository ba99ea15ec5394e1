#include "RedisAddress.h"
#include "RedisPing.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

using namespace motel;
using namespace motel::health;

class RedisTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RedisTest);
    CPPUNIT_TEST(testPlainUrl);
    CPPUNIT_TEST(testDefaults);
    CPPUNIT_TEST(testCredentialsAndDatabase);
    CPPUNIT_TEST(testUnixSocket);
    CPPUNIT_TEST(testBadUrlsAreRefusedWithoutEchoingThem);
    CPPUNIT_TEST(testNothingListeningIsDownAndCritical);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPlainUrl() {
        const auto address = RedisAddress::parse("redis://cache.internal:6380");
        CPPUNIT_ASSERT_EQUAL(std::string("cache.internal"), address.host);
        CPPUNIT_ASSERT_EQUAL(6380, address.port);
        CPPUNIT_ASSERT_EQUAL(0, address.database);
        CPPUNIT_ASSERT(address.password.empty());
    }

    void testDefaults() {
        const auto address = RedisAddress::parse("redis://localhost");
        CPPUNIT_ASSERT_EQUAL(6379, address.port);
    }

    void testCredentialsAndDatabase() {
        const auto legacy = RedisAddress::parse("redis://:s%40cret@127.0.0.1:6379/2");
        CPPUNIT_ASSERT(legacy.username.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("s@cret"), legacy.password);
        CPPUNIT_ASSERT_EQUAL(2, legacy.database);
        const auto acl = RedisAddress::parse("redis://app:pw@127.0.0.1/0");
        CPPUNIT_ASSERT_EQUAL(std::string("app"), acl.username);
        CPPUNIT_ASSERT_EQUAL(std::string("pw"), acl.password);
        const auto passwordOnly = RedisAddress::parse("redis://pw@127.0.0.1");
        CPPUNIT_ASSERT_EQUAL(std::string("pw"), passwordOnly.password);
    }

    void testUnixSocket() {
        const auto address = RedisAddress::parse("unix:///run/redis/redis.sock");
        CPPUNIT_ASSERT_EQUAL(std::string("/run/redis/redis.sock"), address.unixSocket);
        CPPUNIT_ASSERT_EQUAL(std::string("/run/redis/redis.sock"), address.describe());
    }

    void testBadUrlsAreRefusedWithoutEchoingThem() {
        for (const char* url : {"http://:topsecret@host", "redis://:topsecret@host/notanumber"}) {
            try {
                RedisAddress::parse(url);
                CPPUNIT_FAIL(std::string("accepted ") + url);
            } catch (const std::invalid_argument& error) {
                CPPUNIT_ASSERT(std::string(error.what()).find("topsecret") == std::string::npos);
            }
        }
    }

    void testNothingListeningIsDownAndCritical() {
        RedisAddress address;
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
