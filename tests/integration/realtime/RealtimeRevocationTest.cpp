// Revoked access ends sockets, with the official socket.io-client: two hosts
// on one PostgreSQL database and one Redis (the production cluster), a user's
// sockets connected to both. Deactivation, deletion, a role change, a
// password change and a logout made on one host end the matching sockets on
// both within a second; other sockets stay. Without Redis the hosts poll
// the revocation table; a socket also ends when its token expires.
#include "support/HostProcess.h"
#include "support/NodeClient.h"
#include "support/TestPostgres.h"
#include "support/TestRedis.h"

#include <Poco/JSON/Object.h>

#include <unistd.h>

#include <cppunit/extensions/HelperMacros.h>

#include <memory>

namespace motel::test {

namespace {

const char* const kAdminEmail = "admin@motel.test";
const char* const kAdminPassword = "realtime-password";
const char* const kUserPassword = "user-password-1";

std::string urlOf(const HostProcess& host) {
    return "http://127.0.0.1:" + std::to_string(host.port());
}

std::string socketJson(const HostProcess& host, const std::string& token) {
    return R"({"url":")" + urlOf(host) + R"(","token":")" + token + "\"}";
}

} // namespace

class RealtimeRevocationTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RealtimeRevocationTest);
    CPPUNIT_TEST(userChangesEndTheirSocketsOnEveryHost);
    CPPUNIT_TEST(logoutEndsOnlyThatTokensSockets);
    CPPUNIT_TEST(withoutRedisTheHostsPoll);
    CPPUNIT_TEST(socketEndsWhenItsTokenExpires);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { NodeClient::ensureInstalled(); }

    void userChangesEndTheirSocketsOnEveryHost() {
        startCluster(true);
        const std::string admin = login(*first_, kAdminEmail, kAdminPassword);
        struct Change {
            const char* what;
            const char* method;
            const char* pathSuffix;
            const char* body;
        };
        for (const Change& change :
             {Change{"deactivation", "PATCH", "", R"({"active":false})"},
              Change{"role change", "PATCH", "", R"({"role":"manager"})"},
              Change{"password change by an admin", "PATCH", "", R"({"password":"another-password-1"})"},
              Change{"deletion", "DELETE", "", nullptr}}) {
            const std::string email = "staff" + std::to_string(++users_) + "@motel.test";
            const auto id = createUser(admin, email);
            const std::string onFirst = login(*first_, email, kUserPassword);
            const std::string onSecond = login(*second_, email, kUserPassword);
            const std::string bystander = login(*second_, kAdminEmail, kAdminPassword);
            std::string options = R"({"ends":[)" + socketJson(*first_, onFirst) + "," + socketJson(*second_, onSecond) +
                                  R"(],"stays":[)" + socketJson(*second_, bystander) + R"(],"action":{"url":")" +
                                  urlOf(*first_) + R"(","token":")" + admin + R"(","method":")" + change.method +
                                  R"(","path":"/api/users/)" + std::to_string(id) + change.pathSuffix + "\"";
            if (change.body) options += std::string(R"(,"body":)") + change.body;
            options += R"(},"withinMs":1000})";
            const auto run = NodeClient::run("revocation", options);
            CPPUNIT_ASSERT_MESSAGE(std::string(change.what) + ": " + run.output + logs(), run.ok());
            // REST on the other host already sees it (its user cache followed
            // the revocation), long before the cache's 5 s TTL.
            const auto me = second_->json("GET", "/api/auth/me", "", onSecond);
            if (std::string(change.what) == "role change") {
                CPPUNIT_ASSERT_EQUAL_MESSAGE(change.what, 200, me.status);
                CPPUNIT_ASSERT_MESSAGE(me.body, me.body.find(R"("role":"manager")") != std::string::npos);
            } else {
                CPPUNIT_ASSERT_EQUAL_MESSAGE(change.what, 401, me.status);
            }
        }
    }

    void logoutEndsOnlyThatTokensSockets() {
        startCluster(true);
        const std::string admin = login(*first_, kAdminEmail, kAdminPassword);
        createUser(admin, "phone@motel.test");
        const std::string phone = login(*first_, "phone@motel.test", kUserPassword);
        const std::string desk = login(*second_, "phone@motel.test", kUserPassword);
        const std::string options = R"({"ends":[)" + socketJson(*first_, phone) + "," + socketJson(*second_, phone) +
                                    R"(],"stays":[)" + socketJson(*first_, desk) + "," + socketJson(*second_, desk) +
                                    R"(],"action":{"url":")" + urlOf(*second_) + R"(","token":")" + phone +
                                    R"(","method":"POST","path":"/api/auth/logout"},"withinMs":1000})";
        const auto run = NodeClient::run("revocation", options);
        CPPUNIT_ASSERT_MESSAGE(run.output + logs(), run.ok());
        // And REST on the other host refuses the token too.
        CPPUNIT_ASSERT_EQUAL(401, first_->json("GET", "/api/auth/me", "", phone).status);
        CPPUNIT_ASSERT_EQUAL(200, first_->json("GET", "/api/auth/me", "", desk).status);
    }

    void withoutRedisTheHostsPoll() {
        startCluster(false);
        const std::string admin = login(*first_, kAdminEmail, kAdminPassword);
        createUser(admin, "self@motel.test");
        const std::string token = login(*first_, "self@motel.test", kUserPassword);
        const std::string options = R"({"ends":[)" + socketJson(*first_, token) + "," + socketJson(*second_, token) +
                                    R"(],"action":{"url":")" + urlOf(*first_) + R"(","token":")" + token +
                                    R"(","method":"POST","path":"/api/auth/password","body":{"currentPassword":")" +
                                    kUserPassword + R"(","newPassword":"a-new-password-1"}},"withinMs":1500})";
        const auto run = NodeClient::run("revocation", options);
        CPPUNIT_ASSERT_MESSAGE(run.output + logs(), run.ok());
        CPPUNIT_ASSERT_EQUAL(401, second_->json("GET", "/api/auth/me", "", token).status);
    }

    void socketEndsWhenItsTokenExpires() {
        HostOptions options = hostOptions(false);
        options.properties["jwt.expiresIn"] = "3s";
        first_ = std::make_unique<HostProcess>(options);
        const std::string token = login(*first_, kAdminEmail, kAdminPassword);
        const auto run = NodeClient::run("revocation", R"({"ends":[)" + socketJson(*first_, token) + "]}");
        CPPUNIT_ASSERT_MESSAGE(run.output + logs(), run.ok());
        const auto elapsed = run.result.extract<Poco::JSON::Object::Ptr>()->getValue<int>("elapsedMs");
        CPPUNIT_ASSERT_MESSAGE(std::to_string(elapsed), elapsed <= 4500);
        CPPUNIT_ASSERT_EQUAL(401, first_->json("GET", "/api/auth/me", "", token).status);
    }

private:
    std::string databaseUrl_;
    std::unique_ptr<HostProcess> first_;
    std::unique_ptr<HostProcess> second_;
    int users_ = 0;

    HostOptions hostOptions(bool withRedis) {
        if (databaseUrl_.empty()) databaseUrl_ = freshPostgresDatabase();
        HostOptions options;
        options.plugins = {"health", "auth", "realtime"};
        options.databaseUrl = databaseUrl_;
        options.properties["jwt.secret"] = std::string(64, 's'); // both hosts accept each other's tokens
        if (withRedis) {
            options.properties["redis.url"] = testRedisUrl();
            // Channels of this run only: the fixture's Redis may serve other suites at the same time.
            const std::string run = std::to_string(::getpid());
            options.properties["plugins.realtime.redisChannel"] = "motel:realtime:test:" + run;
            options.properties["plugins.auth.revocationChannel"] = "motel:auth:revocations:test:" + run;
            // Only the Redis signal may deliver within the second.
            options.properties["plugins.auth.revocationPoll"] = "1m";
        }
        options.environment["MOTEL_ADMIN_EMAIL"] = kAdminEmail;
        options.environment["MOTEL_ADMIN_PASSWORD"] = kAdminPassword;
        return options;
    }

    void startCluster(bool withRedis) {
        const HostOptions options = hostOptions(withRedis);
        first_ = std::make_unique<HostProcess>(options);
        second_ = std::make_unique<HostProcess>(options);
    }

    std::int64_t createUser(const std::string& admin, const std::string& email) {
        const auto created = first_->json("POST", "/api/users",
                                          R"({"email":")" + email + R"(","name":"Staff","password":")" + kUserPassword +
                                              R"(","role":"staff"})",
                                          admin);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(created.body, 201, created.status);
        return created.json().extract<Poco::JSON::Object::Ptr>()->getValue<Poco::Int64>("id");
    }

    static std::string login(const HostProcess& host, const std::string& email, const std::string& password) {
        const auto response =
            host.json("POST", "/api/auth/login", R"({"email":")" + email + R"(","password":")" + password + R"("})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(response.body, 200, response.status);
        return response.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("accessToken");
    }

    std::string logs() const {
        std::string text;
        if (first_) text += "\nfirst host:\n" + first_->logText();
        if (second_) text += "\nsecond host:\n" + second_->logText();
        return text;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RealtimeRevocationTest);

} // namespace motel::test
