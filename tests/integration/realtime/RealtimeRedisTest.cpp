// Two hosts sharing a Redis: an event committed on one host reaches a
// socket connected to the other, exactly once.
#include "support/NodeClient.h"

#include "support/HostProcess.h"
#include "support/TestRedis.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>

#include <fstream>
#include <memory>
#include <thread>

#include <unistd.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::test {

class RealtimeRedisTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RealtimeRedisTest);
    CPPUNIT_TEST(eventOnOneHostReachesSocketsOnTheOther);
    CPPUNIT_TEST(unreachableRedisStillDeliversLocally);
    CPPUNIT_TEST(droppedClientRecoversOnTheOtherHost);
    CPPUNIT_TEST(sigtermSendsClientsToAnotherHostAtOnce);
    CPPUNIT_TEST_SUITE_END();

public:
    void eventOnOneHostReachesSocketsOnTheOther() {
        NodeClient::ensureInstalled();
        HostOptions options;
        options.plugins = {"health", "auth", "suites", "tasks", "realtime"};
        options.properties["redis.url"] = testRedisUrl();
        // A channel of this run only: the fixture's Redis may serve other suites at the same time.
        options.properties["plugins.realtime.redisChannel"] = "motel:realtime:test:" + std::to_string(::getpid());
        options.environment["MOTEL_ADMIN_EMAIL"] = "admin@motel.test";
        options.environment["MOTEL_ADMIN_PASSWORD"] = "realtime-password";
        HostProcess first(options); // each host has its own SQLite database and the same admin
        HostProcess second(options);
        const std::string firstToken = login(first);
        const std::string secondToken = login(second);
        const std::string json = R"({"url":"http://127.0.0.1:)" + std::to_string(first.port()) + R"(","token":")" +
                                 firstToken + R"(","otherUrl":"http://127.0.0.1:)" + std::to_string(second.port()) +
                                 R"(","otherToken":")" + secondToken + "\"}";
        const auto run = NodeClient::run("crossHost", json);
        CPPUNIT_ASSERT_MESSAGE(run.output + "\nfirst host:\n" + first.logText() + "\nsecond host:\n" + second.logText(),
                               run.ok());
    }

    void unreachableRedisStillDeliversLocally() {
        NodeClient::ensureInstalled();
        HostOptions options;
        options.plugins = {"health", "auth", "suites", "tasks", "realtime"};
        options.properties["redis.url"] = "redis://127.0.0.1:" + std::to_string(freePort()); // nobody listens
        options.environment["MOTEL_ADMIN_EMAIL"] = "admin@motel.test";
        options.environment["MOTEL_ADMIN_PASSWORD"] = "realtime-password";
        HostProcess host(options);
        const std::string token = login(host);
        const std::string url = "http://127.0.0.1:" + std::to_string(host.port());
        const auto run =
            NodeClient::run("crossHost", R"({"url":")" + url + R"(","token":")" + token + R"(","otherUrl":")" + url +
                                             R"(","otherToken":")" + token + "\"}");
        CPPUNIT_ASSERT_MESSAGE(run.output + "\nhost:\n" + host.logText(), run.ok());
    }

    void droppedClientRecoversOnTheOtherHost() {
        NodeClient::ensureInstalled();
        HostOptions options;
        options.plugins = {"health", "auth", "suites", "tasks", "realtime"};
        options.properties["redis.url"] = testRedisUrl();
        options.properties["plugins.realtime.redisChannel"] = "motel:realtime:recover:" + std::to_string(::getpid());
        options.environment["MOTEL_ADMIN_EMAIL"] = "admin@motel.test";
        options.environment["MOTEL_ADMIN_PASSWORD"] = "realtime-password";
        HostProcess first(options);
        HostProcess second(options);
        const std::string firstToken = login(first);
        // Another user of the second host (its own SQLite database, the same JWT secret).
        const auto created = second.json(
            "POST", "/api/users",
            R"({"email":"stranger@motel.test","name":"Stranger","password":"stranger-password","role":"staff"})",
            login(second));
        CPPUNIT_ASSERT_MESSAGE(created.body, created.status == 201);
        const auto strangerLogin =
            second.json("POST", "/api/auth/login", R"({"email":"stranger@motel.test","password":"stranger-password"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(strangerLogin.body, 200, strangerLogin.status);
        const std::string strangerToken =
            strangerLogin.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("accessToken");
        const auto run = NodeClient::run(
            "recoverOnOtherHost", R"({"url":"http://127.0.0.1:)" + std::to_string(first.port()) + R"(","token":")" +
                                      firstToken + R"(","otherUrl":"http://127.0.0.1:)" +
                                      std::to_string(second.port()) + R"(","strangerToken":")" + strangerToken + "\"}");
        CPPUNIT_ASSERT_MESSAGE(run.output + "\nfirst host:\n" + first.logText() + "\nsecond host:\n" + second.logText(),
                               run.ok());
    }

    void sigtermSendsClientsToAnotherHostAtOnce() {
        NodeClient::ensureInstalled();
        HostOptions options;
        options.plugins = {"health", "auth", "suites", "tasks", "realtime"};
        options.properties["redis.url"] = testRedisUrl();
        options.properties["plugins.realtime.redisChannel"] = "motel:realtime:drain:" + std::to_string(::getpid());
        options.environment["MOTEL_ADMIN_EMAIL"] = "admin@motel.test";
        options.environment["MOTEL_ADMIN_PASSWORD"] = "realtime-password";
        auto first = std::make_unique<HostProcess>(options);
        HostProcess second(options);
        const std::string token = login(*first);
        const std::string secondToken = login(second);
        const std::string dir = second.workDir();
        const std::string readyFile = dir + "/follow.ready";
        const std::string lateFile = dir + "/follow.late";
        ScenarioResult run;
        std::thread client([&] {
            run = NodeClient::run("followAfterHostStops",
                                  R"({"url":"http://127.0.0.1:)" + std::to_string(first->port()) + R"(","token":")" +
                                      token + R"(","otherUrl":"http://127.0.0.1:)" + std::to_string(second.port()) +
                                      R"(","readyFile":")" + readyFile + R"(","lateFile":")" + lateFile + "\"}");
        });
        for (int i = 0; i < 300 && !Poco::File(readyFile).exists(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const std::string firstLog = first->logText();
        CPPUNIT_ASSERT_EQUAL(0, first->stop()); // SIGTERM: drains, exits
        const std::string late = "late-" + std::to_string(::getpid());
        const auto created =
            second.json("POST", "/api/suites", R"({"number":")" + late + R"(","floor":1})", secondToken);
        std::ofstream(lateFile) << late;
        client.join();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(created.body, 201, created.status);
        CPPUNIT_ASSERT_MESSAGE(run.output + "\nfirst host:\n" + firstLog + "\nsecond host:\n" + second.logText(),
                               run.ok());
        // socket.io-client waits 0.5-1.5 s before reconnecting; a ping timeout would be 45 s.
        const long reconnectMs = run.result.extract<Poco::JSON::Object::Ptr>()->getValue<long>("reconnectMs");
        CPPUNIT_ASSERT_MESSAGE(run.output, reconnectMs < 5000);
    }

private:
    static std::string login(const HostProcess& host) {
        const auto response =
            host.json("POST", "/api/auth/login", R"({"email":"admin@motel.test","password":"realtime-password"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(response.body, 200, response.status);
        return response.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("accessToken");
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RealtimeRedisTest);

} // namespace motel::test
