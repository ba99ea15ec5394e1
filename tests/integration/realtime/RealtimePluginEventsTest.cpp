// A plugin's Socket.IO events through the realtime plugin's published
// RealtimeHub, driven by the official socket.io-client: the fixture plugin
// `fixture_realtime` (tests/fixtures/plugins) acks, refuses the wrong role,
// survives a throwing handler, and emits to a room, a user, a role and
// everyone; on one host without Redis and across two hosts on one Redis.
#include "support/NodeClient.h"

#include "support/HostProcess.h"
#include "support/TestRedis.h"

#include <Poco/JSON/Object.h>

#include <unistd.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::test {

class RealtimePluginEventsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RealtimePluginEventsTest);
    CPPUNIT_TEST(pluginEventsOnOneHost);
    CPPUNIT_TEST(pluginEmitsCrossHostsThroughRedis);
    CPPUNIT_TEST_SUITE_END();

public:
    void pluginEventsOnOneHost() {
        NodeClient::ensureInstalled();
        HostProcess host(options());
        const Users users = signIn(host);
        const auto run = NodeClient::run("pluginEvents", scenarioOptions(host, host, users));
        CPPUNIT_ASSERT_MESSAGE(run.output + "\nhost:\n" + host.logText(), run.ok());
        // The handler's exception text is logged, never sent (the scenario checked the ack).
        CPPUNIT_ASSERT_MESSAGE(host.logText(), host.logText().find("fixture secret detail") != std::string::npos);
    }

    void pluginEmitsCrossHostsThroughRedis() {
        NodeClient::ensureInstalled();
        HostOptions shared = options();
        shared.properties["redis.url"] = testRedisUrl();
        shared.properties["plugins.realtime.redisChannel"] = "motel:realtime:plugins:" + std::to_string(::getpid());
        HostProcess first(shared); // each host its own SQLite database, the same admin and JWT secret
        HostProcess second(shared);
        const Users users = signIn(first, &second);
        const auto run = NodeClient::run("pluginEvents", scenarioOptions(first, second, users));
        CPPUNIT_ASSERT_MESSAGE(run.output + "\nfirst host:\n" + first.logText() + "\nsecond host:\n" + second.logText(),
                               run.ok());
    }

private:
    struct Users {
        std::string adminToken;
        std::string staffToken;
        std::int64_t staffId = 0;
    };

    static HostOptions options() {
        HostOptions options;
        options.plugins = {"health", "auth", "realtime", "fixture_realtime"};
        options.properties["plugins.path"] = MOTEL_FIXTURE_PLUGIN_DIR;
        options.environment["MOTEL_ADMIN_EMAIL"] = "admin@motel.test";
        options.environment["MOTEL_ADMIN_PASSWORD"] = "realtime-password";
        return options;
    }

    static std::string token(const HostProcess& host, const std::string& email, const std::string& password) {
        const auto response =
            host.json("POST", "/api/auth/login", R"({"email":")" + email + R"(","password":")" + password + "\"}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(response.body, 200, response.status);
        return response.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("accessToken");
    }

    /// The admin on `host`; a staff member created on `staffHost` (default: `host`).
    static Users signIn(const HostProcess& host, const HostProcess* staffHost = nullptr) {
        const HostProcess& other = staffHost ? *staffHost : host;
        Users users;
        users.adminToken = token(host, "admin@motel.test", "realtime-password");
        const auto created =
            other.json("POST", "/api/users",
                       R"({"email":"staff@motel.test","name":"Staff","password":"staff-password","role":"staff"})",
                       token(other, "admin@motel.test", "realtime-password"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(created.body, 201, created.status);
        users.staffId = created.json().extract<Poco::JSON::Object::Ptr>()->getValue<Poco::Int64>("id");
        users.staffToken = token(other, "staff@motel.test", "staff-password");
        return users;
    }

    static std::string scenarioOptions(const HostProcess& adminHost, const HostProcess& staffHost, const Users& users) {
        return R"({"url":"http://127.0.0.1:)" + std::to_string(adminHost.port()) +
               R"(","otherUrl":"http://127.0.0.1:)" + std::to_string(staffHost.port()) + R"(","adminToken":")" +
               users.adminToken + R"(","staffToken":")" + users.staffToken + R"(","staffId":)" +
               std::to_string(users.staffId) + "}";
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RealtimePluginEventsTest);

} // namespace motel::test
