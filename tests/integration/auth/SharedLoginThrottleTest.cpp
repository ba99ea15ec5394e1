// Failed logins counted in Redis hold across hosts: an attacker cannot get
// more guesses by spreading them over the instances behind a load balancer.
#include "support/HostProcess.h"
#include "support/TestRedis.h"

#include <Poco/Timestamp.h>

#include <cppunit/extensions/HelperMacros.h>

#include <unistd.h>

namespace motel::test {

class SharedLoginThrottleTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SharedLoginThrottleTest);
    CPPUNIT_TEST(failuresOnOneHostCountOnTheOther);
    CPPUNIT_TEST_SUITE_END();

public:
    void failuresOnOneHostCountOnTheOther() {
        HostOptions options;
        options.plugins = {"health", "auth"};
        options.properties["redis.url"] = testRedisUrl();
        options.properties["plugins.auth.loginMaxAttempts"] = "3";
        options.properties["plugins.auth.loginWindow"] = "10m";
        // A unique email: the Redis server may hold counters of other runs.
        const std::string email = "shared-" + std::to_string(::getpid()) + "-" +
                                  std::to_string(Poco::Timestamp().epochMicroseconds()) + "@motel.test";
        options.environment["MOTEL_ADMIN_EMAIL"] = email;
        options.environment["MOTEL_ADMIN_PASSWORD"] = "shared-password";
        HostProcess first(options);  // each host has its own SQLite database,
        HostProcess second(options); // and the same admin from the environment

        const std::string wrong = R"({"email":")" + email + R"(","password":"wrong-password"})";
        const std::string right = R"({"email":")" + email + R"(","password":"shared-password"})";
        CPPUNIT_ASSERT_EQUAL(401, first.json("POST", "/api/auth/login", wrong).status);
        CPPUNIT_ASSERT_EQUAL(401, second.json("POST", "/api/auth/login", wrong).status);
        CPPUNIT_ASSERT_EQUAL(401, first.json("POST", "/api/auth/login", wrong).status);
        CPPUNIT_ASSERT_EQUAL(429, second.json("POST", "/api/auth/login", wrong).status);
        CPPUNIT_ASSERT_EQUAL(429, first.json("POST", "/api/auth/login", right).status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SharedLoginThrottleTest);

} // namespace motel::test
