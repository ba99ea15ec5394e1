#include "HealthEndpoints.h"
#include "HealthFakes.h"

#include <motel/sdk/Errors.h>

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

using namespace motel;
using namespace motel::health;
using motel::health::test::FakeHealthRegistry;
using motel::health::test::FakeHostInfo;
using motel::health::test::FakeRouteRegistry;
using motel::health::test::resultOf;
using std::chrono::milliseconds;

namespace {

/// The body parsed with its keys in the order they were sent.
Poco::JSON::Object::Ptr parsed(const sdk::Response& response) {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    return parser.parse(response.body).extract<Poco::JSON::Object::Ptr>();
}

std::vector<std::string> keysOf(const Poco::JSON::Object::Ptr& object) {
    return object->getNames();
}

} // namespace

class HealthEndpointsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HealthEndpointsTest);
    CPPUNIT_TEST(testRoutesArePublic);
    CPPUNIT_TEST(testLiveIsOkWithoutTouchingAnything);
    CPPUNIT_TEST(testReadyWhenStartedAndDatabaseAnswers);
    CPPUNIT_TEST(testNotReadyWhileDatabaseDown);
    CPPUNIT_TEST(testNotReadyWhilePluginsStart);
    CPPUNIT_TEST(testHealthyReport);
    CPPUNIT_TEST(testDegradedIs200);
    CPPUNIT_TEST(testUnhealthyIs503);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        host_ = std::make_unique<FakeHostInfo>();
        host_->started_at = Poco::Timestamp() - 90 * Poco::Timestamp::resolution();
        checks_ = std::make_unique<FakeHealthRegistry>();
        databaseUp_ = true;
        roundTrips_ = 0;
        probe_ = std::make_shared<DatabaseProbe>([this] {
            ++roundTrips_;
            if (!databaseUp_) throw std::runtime_error("down");
        });
        checks_->add(
            "database", [probe = probe_] { return probe->check(milliseconds(10000)); }, milliseconds(1));
        checks_->add(
            "memory",
            [] {
                sdk::HealthResult result;
                result.details = new Poco::JSON::Object;
                result.details->set("heapUsedMB", 3);
                return result;
            },
            milliseconds(1));
        endpoints_ = std::make_shared<HealthEndpoints>(*host_, *checks_, probe_, milliseconds(10000));
    }

    void tearDown() override {
        endpoints_.reset();
        probe_->shutdown();
    }

    void testRoutesArePublic() {
        FakeRouteRegistry routes;
        endpoints_->registerRoutes(routes);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), routes.routes.size());
        for (const char* key : {"GET /health", "GET /health/live", "GET /health/ready"}) {
            CPPUNIT_ASSERT_MESSAGE(key, routes.routes.count(key) == 1);
            CPPUNIT_ASSERT(!routes.routes[key].access.requiresAuthentication);
        }
    }

    void testLiveIsOkWithoutTouchingAnything() {
        databaseUp_ = false;
        host_->started = false;
        sdk::Response response;
        endpoints_->live(sdk::Request(), response);
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"status\":\"ok\"}"), response.body);
        CPPUNIT_ASSERT_EQUAL(0, roundTrips_.load());
    }

    void testReadyWhenStartedAndDatabaseAnswers() {
        sdk::Response response;
        endpoints_->ready(sdk::Request(), response);
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(1, roundTrips_.load());
    }

    void testNotReadyWhileDatabaseDown() {
        databaseUp_ = false;
        const std::string message = readyError();
        CPPUNIT_ASSERT(message.find("database") != std::string::npos);
        CPPUNIT_ASSERT(message.find("plugins") == std::string::npos);
        databaseUp_ = true; // recovers by itself
        sdk::Response response;
        endpoints_->ready(sdk::Request(), response);
        CPPUNIT_ASSERT_EQUAL(200, response.status);
    }

    void testNotReadyWhilePluginsStart() {
        host_->started = false;
        const std::string message = readyError();
        CPPUNIT_ASSERT(message.find("plugins") != std::string::npos);
        CPPUNIT_ASSERT(message.find("database") == std::string::npos);
    }

    void testHealthyReport() {
        sdk::Response response;
        endpoints_->health(sdk::Request(), response);
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        const auto body = parsed(response);
        const std::vector<std::string> keys{"status", "timestamp", "version", "uptime", "checks"};
        CPPUNIT_ASSERT(keys == keysOf(body));
        CPPUNIT_ASSERT_EQUAL(std::string("healthy"), body->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("9.8.7"), body->getValue<std::string>("version"));
        CPPUNIT_ASSERT(body->getValue<double>("uptime") >= 90.0);
        CPPUNIT_ASSERT_EQUAL(std::size_t(24), body->getValue<std::string>("timestamp").size());
        const auto checks = body->getObject("checks");
        const std::vector<std::string> names{"database", "websocket", "memory"};
        CPPUNIT_ASSERT(names == keysOf(checks));
        CPPUNIT_ASSERT_EQUAL(std::string("up"), checks->getObject("database")->getValue<std::string>("status"));
        CPPUNIT_ASSERT(checks->getObject("database")->has("responseTime"));
        CPPUNIT_ASSERT_EQUAL(0, checks->getObject("websocket")->getObject("details")->getValue<int>("connectedUsers"));
        CPPUNIT_ASSERT_EQUAL(3, checks->getObject("memory")->getObject("details")->getValue<int>("heapUsedMB"));
    }

    void testDegradedIs200() {
        checks_->add(
            "http", [] { return resultOf(true, sdk::HealthLevel::warning); }, milliseconds(1));
        sdk::Response response;
        endpoints_->health(sdk::Request(), response);
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("degraded"), parsed(response)->getValue<std::string>("status"));
    }

    void testUnhealthyIs503() {
        databaseUp_ = false;
        sdk::Response response;
        endpoints_->health(sdk::Request(), response);
        CPPUNIT_ASSERT_EQUAL(503, response.status);
        const auto body = parsed(response);
        CPPUNIT_ASSERT_EQUAL(std::string("unhealthy"), body->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("down"),
                             body->getObject("checks")->getObject("database")->getValue<std::string>("status"));
    }

private:
    std::unique_ptr<FakeHostInfo> host_;
    std::unique_ptr<FakeHealthRegistry> checks_;
    std::shared_ptr<DatabaseProbe> probe_;
    std::shared_ptr<HealthEndpoints> endpoints_;
    std::atomic<bool> databaseUp_{true};
    std::atomic<int> roundTrips_{0};

    /// The 503's message of /health/ready; fails the test when it answers 200.
    std::string readyError() {
        sdk::Response response;
        try {
            endpoints_->ready(sdk::Request(), response);
        } catch (const sdk::HttpError& error) {
            CPPUNIT_ASSERT_EQUAL(503, error.status());
            return error.messages().at(0);
        }
        CPPUNIT_FAIL("expected 503 from /health/ready");
        return "";
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HealthEndpointsTest);
