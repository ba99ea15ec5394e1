#include <motel/sdk/RedisUrl.h>

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

using motel::sdk::RedisUrl;

class RedisUrlTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RedisUrlTest);
    CPPUNIT_TEST(testReadsHostPortAndDatabase);
    CPPUNIT_TEST(testReadsCredentials);
    CPPUNIT_TEST(testDescribeNeverShowsThePassword);
    CPPUNIT_TEST(testRejectsOtherUrlsWithoutEchoingThem);
    CPPUNIT_TEST(testWithDatabase);
    CPPUNIT_TEST_SUITE_END();

public:
    void testReadsHostPortAndDatabase() {
        const auto plain = RedisUrl::parse("redis://cache.internal");
        CPPUNIT_ASSERT_EQUAL(std::string("cache.internal"), plain.host);
        CPPUNIT_ASSERT_EQUAL(6379, plain.port);
        CPPUNIT_ASSERT_EQUAL(0, plain.database);

        const auto full = RedisUrl::parse("redis://127.0.0.1:6380/4");
        CPPUNIT_ASSERT_EQUAL(6380, full.port);
        CPPUNIT_ASSERT_EQUAL(4, full.database);

        const auto local = RedisUrl::parse("unix:///run/redis/redis.sock");
        CPPUNIT_ASSERT_EQUAL(std::string("/run/redis/redis.sock"), local.unixSocket);
    }

    void testReadsCredentials() {
        const auto acl = RedisUrl::parse("redis://motel:s%3Acret@localhost:6379/1");
        CPPUNIT_ASSERT_EQUAL(std::string("motel"), acl.username);
        CPPUNIT_ASSERT_EQUAL(std::string("s:cret"), acl.password);

        const auto legacy = RedisUrl::parse("redis://:hunter2@localhost");
        CPPUNIT_ASSERT_EQUAL(std::string(""), legacy.username);
        CPPUNIT_ASSERT_EQUAL(std::string("hunter2"), legacy.password);

        // A user info without a colon is a password, as before Redis ACLs.
        const auto passwordOnly = RedisUrl::parse("redis://s%40cret@127.0.0.1");
        CPPUNIT_ASSERT_EQUAL(std::string(""), passwordOnly.username);
        CPPUNIT_ASSERT_EQUAL(std::string("s@cret"), passwordOnly.password);
    }

    void testDescribeNeverShowsThePassword() {
        const auto url = RedisUrl::parse("redis://motel:hunter2@localhost:6390/2");
        CPPUNIT_ASSERT_EQUAL(std::string("redis://localhost:6390/2"), url.describe());
    }

    void testRejectsOtherUrlsWithoutEchoingThem() {
        CPPUNIT_ASSERT_THROW(RedisUrl::parse("http://localhost"), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(RedisUrl::parse("redis://localhost/zero"), std::invalid_argument);
        try {
            RedisUrl::parse("redis://user:hunter2@host:port-is-not-a-number");
            CPPUNIT_FAIL("a malformed URL was accepted");
        } catch (const std::invalid_argument& error) {
            CPPUNIT_ASSERT(std::string(error.what()).find("hunter2") == std::string::npos);
        }
    }

    void testWithDatabase() {
        const auto queue = RedisUrl::parse("redis://localhost/0").withDatabase(3);
        CPPUNIT_ASSERT_EQUAL(3, queue.database);
        CPPUNIT_ASSERT_THROW(queue.withDatabase(-1), std::invalid_argument);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisUrlTest);
