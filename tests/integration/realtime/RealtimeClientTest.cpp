// The realtime plugin in a real motel-host, driven by the official
// socket.io-client v4 (tests/integration/realtime/client): websocket-only,
// polling-only and polling-then-upgrade clients authenticate and receive the
// suite and task events of REST calls; a bad token gets connect_error
// "Unauthorized"; a forced reconnect recovers the events it missed.
#include "support/NodeClient.h"

#include "support/HostProcess.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <memory>

namespace motel::test {

class RealtimeClientTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RealtimeClientTest);
    CPPUNIT_TEST(websocketClientReceivesDomainEvents);
    CPPUNIT_TEST(pollingClientReceivesDomainEvents);
    CPPUNIT_TEST(pollingClientUpgradesAndReceivesDomainEvents);
    CPPUNIT_TEST(badOrMissingTokenIsUnauthorized);
    CPPUNIT_TEST(forcedReconnectRecoversMissedEvents);
    CPPUNIT_TEST(socketIoPathAnswersWithoutAToken);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        NodeClient::ensureInstalled();
        HostOptions options;
        options.plugins = {"health", "auth", "suites", "tasks", "realtime"};
        options.environment["MOTEL_ADMIN_EMAIL"] = "admin@motel.test";
        options.environment["MOTEL_ADMIN_PASSWORD"] = "realtime-password";
        host_ = std::make_unique<HostProcess>(options);
        const auto login =
            host_->json("POST", "/api/auth/login", R"({"email":"admin@motel.test","password":"realtime-password"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(login.body, 200, login.status);
        token_ = login.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("accessToken");
    }

    void tearDown() override { host_.reset(); }

    void websocketClientReceivesDomainEvents() {
        const auto run = scenario("events", R"("transports":["websocket"])");
        CPPUNIT_ASSERT_EQUAL(std::string("websocket"), transportOf(run));
    }

    void pollingClientReceivesDomainEvents() {
        const auto run = scenario("events", R"("transports":["polling"],"upgrade":false)");
        CPPUNIT_ASSERT_EQUAL(std::string("polling"), transportOf(run));
    }

    void pollingClientUpgradesAndReceivesDomainEvents() {
        const auto run = scenario("events", R"("transports":["polling","websocket"],"upgrade":true)");
        CPPUNIT_ASSERT_EQUAL(std::string("websocket"), transportOf(run));
    }

    void badOrMissingTokenIsUnauthorized() {
        scenario("unauthorized", R"("token":"not-a-jwt")", false);
        const auto missing = NodeClient::run("unauthorized", R"({"url":")" + url() + R"("})");
        CPPUNIT_ASSERT_MESSAGE(missing.output, missing.ok());
    }

    void forcedReconnectRecoversMissedEvents() {
        const auto run = scenario("recovery", R"("transports":["websocket"])");
        CPPUNIT_ASSERT(run.result.extract<Poco::JSON::Object::Ptr>()->getValue<bool>("sameId"));
    }

    void socketIoPathAnswersWithoutAToken() {
        // What operators try first: the path exists and speaks Engine.IO.
        const auto response = host_->request("GET", "/socket.io/");
        CPPUNIT_ASSERT_EQUAL(400, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"code":0,"message":"Transport unknown"})"), response.body);
        const auto open = host_->request("GET", "/socket.io/?EIO=4&transport=polling");
        CPPUNIT_ASSERT_EQUAL(200, open.status);
        CPPUNIT_ASSERT_EQUAL('0', open.body.at(0));
    }

private:
    std::string url() const { return "http://127.0.0.1:" + std::to_string(host_->port()); }

    ScenarioResult scenario(const std::string& name, const std::string& extra, bool withToken = true) {
        std::string options = R"({"url":")" + url() + "\"";
        if (withToken) options += R"(,"token":")" + token_ + "\"";
        if (name == "unauthorized" && !withToken)
            options += ",";
        else if (!extra.empty())
            options += ",";
        options += extra + "}";
        const auto run = NodeClient::run(name, options);
        CPPUNIT_ASSERT_MESSAGE(run.output + "\nhost log:\n" + host_->logText(), run.ok());
        return run;
    }

    static std::string transportOf(const ScenarioResult& run) {
        return run.result.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("transport");
    }

    std::unique_ptr<HostProcess> host_;
    std::string token_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(RealtimeClientTest);

} // namespace motel::test
