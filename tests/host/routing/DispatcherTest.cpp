#include <motel/sdk/testing/Callers.h>
#include "routing/Dispatcher.h"
#include "routing/HttpMetrics.h"
#include "services/InProcessEventBus.h"
#include "services/MemoryCache.h"
#include "services/PrometheusMetrics.h"
#include "support/RecordingChannel.h"

#include <motel/sdk/Errors.h>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;

namespace {
// Accepts "staff-token" and "manager-token".
class FakeAuthenticator : public sdk::Authenticator {
public:
    std::optional<sdk::Principal> authenticate(const std::string& token) override {
        if (token == "staff-token") return sdk::testing::caller(7, "s@motel.test", "Sam", "staff");
        if (token == "manager-token") return sdk::testing::caller(2, "m@motel.test", "Max", "manager");
        return std::nullopt;
    }
};

Poco::JSON::Object::Ptr bodyOf(const sdk::Response& response) {
    return Poco::JSON::Parser().parse(response.body).extract<Poco::JSON::Object::Ptr>();
}
} // namespace

class DispatcherTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DispatcherTest);
    CPPUNIT_TEST(handlerSeesParamsAndCaller);
    CPPUNIT_TEST(missingOrBadTokenIs401);
    CPPUNIT_TEST(wrongRoleIs403);
    CPPUNIT_TEST(unknownApiPathNeedsAuthenticationFirst);
    CPPUNIT_TEST(knownPathOtherMethodIs405WithAllow);
    CPPUNIT_TEST(nonJsonBodyIs415AndMalformedIs400);
    CPPUNIT_TEST(handlerErrorsBecomeEnvelopes);
    CPPUNIT_TEST(unexpectedExceptionsAre500WithoutDetails);
    CPPUNIT_TEST(pocoExceptionsAreLoggedInFull);
    CPPUNIT_TEST(requestIdAndMetricsAreRecorded);
    CPPUNIT_TEST(corsEchoesAllowedOriginsOnly);
    CPPUNIT_TEST(requestBudgetAnswers429);
    CPPUNIT_TEST(healthProbesAreOutsideBudgetAndErrorFigures);
    CPPUNIT_TEST(securityHeadersOnEveryResponse);
    CPPUNIT_TEST(apiAndAuthenticatedAnswersAreNeverCached);
    CPPUNIT_TEST(metricLabelsComeFromClosedSets);
    CPPUNIT_TEST(successfulMutationsArePublishedForTheAuditLog);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        router_ = std::make_unique<host::Router>();
        metrics_ = std::make_unique<host::PrometheusMetrics>(Poco::Logger::get("test"));
        cache_ = std::make_unique<host::MemoryCache>(1000);
        traffic_ = std::make_unique<host::TrafficWindow>();
        router_->add({"GET", "/api/things/:id", sdk::Access::authenticated(),
                      [](const sdk::Request& req, sdk::Response& res) {
                          Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
                          body->set("id", req.param("id"));
                          body->set("caller", req.caller().id);
                          res.json(200, body);
                      }},
                     "test");
        router_->add({"POST", "/api/things", sdk::Access::anyRole({"manager"}),
                      [](const sdk::Request& req, sdk::Response& res) { res.json(201, req.jsonObject()); }},
                     "test");
        router_->add({"GET", "/api/conflict", sdk::Access::authenticated(),
                      [](const auto&, auto&) { throw sdk::Conflict("Task 3 is already completed"); }},
                     "test");
        router_->add({"GET", "/api/boom", sdk::Access::publicRoute(),
                      [](const auto&, auto&) { throw std::runtime_error("SELECT * FROM secrets failed"); }},
                     "test");
        router_->add({"GET", "/api/poco-boom", sdk::Access::publicRoute(),
                      [](const auto&, auto&) { throw Poco::NotFoundException("row 42 of table tasks"); }},
                     "test");
        router_->add({"GET", "/health", sdk::Access::publicRoute(),
                      [](const sdk::Request&, sdk::Response& res) {
                          Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
                          body->set("status", "unhealthy");
                          res.json(503, body);
                      }},
                     "test");
        router_->freeze();
        makeDispatcher({});
    }

    void makeDispatcher(host::DispatcherOptions options) {
        dispatcher_ = std::make_unique<host::Dispatcher>(*router_, *metrics_, *traffic_, *cache_, options);
        dispatcher_->setAuthenticator(std::make_shared<FakeAuthenticator>());
    }

    sdk::Response send(const std::string& method, const std::string& path, const std::string& token = "",
                       const std::string& body = "", const std::string& contentType = "application/json",
                       std::vector<std::pair<std::string, std::string>> extra = {}) {
        sdk::Request request;
        request.method = method;
        request.path = path;
        request.body = body;
        request.remoteAddress = "127.0.0.1";
        request.headers = std::move(extra);
        if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
        if (!body.empty()) request.headers.emplace_back("Content-Type", contentType);
        sdk::Response response;
        dispatcher_->dispatch(request, response);
        return response;
    }

    void handlerSeesParamsAndCaller() {
        auto res = send("GET", "/api/things/12", "staff-token");
        CPPUNIT_ASSERT_EQUAL(200, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("12"), bodyOf(res)->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(7, bodyOf(res)->getValue<int>("caller"));
    }

    void missingOrBadTokenIs401() {
        auto res = send("GET", "/api/things/12");
        CPPUNIT_ASSERT_EQUAL(401, res.status);
        CPPUNIT_ASSERT_EQUAL(401, bodyOf(res)->getValue<int>("statusCode"));
        CPPUNIT_ASSERT_EQUAL(std::string("Unauthorized"), bodyOf(res)->getValue<std::string>("error"));
        CPPUNIT_ASSERT_EQUAL(401, send("GET", "/api/things/12", "forged").status);
    }

    void wrongRoleIs403() {
        auto res = send("POST", "/api/things", "staff-token", "{}");
        CPPUNIT_ASSERT_EQUAL(403, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Forbidden"), bodyOf(res)->getValue<std::string>("error"));
        CPPUNIT_ASSERT_EQUAL(201, send("POST", "/api/things", "manager-token", R"({"a":1})").status);
    }

    void unknownApiPathNeedsAuthenticationFirst() {
        CPPUNIT_ASSERT_EQUAL(401, send("GET", "/api/rooms").status);
        auto res = send("GET", "/api/rooms", "staff-token");
        CPPUNIT_ASSERT_EQUAL(404, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Cannot GET /api/rooms"), bodyOf(res)->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL(404, send("GET", "/elsewhere").status);
    }

    void knownPathOtherMethodIs405WithAllow() {
        auto res = send("DELETE", "/api/things/3", "staff-token");
        CPPUNIT_ASSERT_EQUAL(405, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("GET, HEAD"), res.header("Allow"));
        CPPUNIT_ASSERT_EQUAL(std::string("Method Not Allowed"), bodyOf(res)->getValue<std::string>("error"));
    }

    void nonJsonBodyIs415AndMalformedIs400() {
        CPPUNIT_ASSERT_EQUAL(415, send("POST", "/api/things", "manager-token", "a=1", "text/plain").status);
        CPPUNIT_ASSERT_EQUAL(400, send("POST", "/api/things", "manager-token", "{\"a\":").status);
        CPPUNIT_ASSERT_EQUAL(400, send("POST", "/api/things", "manager-token", "[1,2]").status);
        std::string deep(200, '[');
        deep += std::string(200, ']');
        CPPUNIT_ASSERT_EQUAL(400, send("POST", "/api/things", "manager-token", deep).status);
        CPPUNIT_ASSERT_EQUAL(400, send("POST", "/api/things", "manager-token", "{\"a\":\"\xff\xfe\"}").status);
        CPPUNIT_ASSERT_EQUAL(
            201, send("POST", "/api/things", "manager-token", "{}", "application/json; charset=utf-8").status);
    }

    void handlerErrorsBecomeEnvelopes() {
        auto res = send("GET", "/api/conflict", "staff-token");
        CPPUNIT_ASSERT_EQUAL(409, res.status);
        auto body = bodyOf(res);
        CPPUNIT_ASSERT_EQUAL(409, body->getValue<int>("statusCode"));
        CPPUNIT_ASSERT_EQUAL(std::string("Task 3 is already completed"), body->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL(std::string("Conflict"), body->getValue<std::string>("error"));
        CPPUNIT_ASSERT_EQUAL(std::string("application/json; charset=utf-8"), res.header("Content-Type"));
        auto bad = send("GET", "/api/things/x1", "staff-token");
        CPPUNIT_ASSERT_EQUAL(200, bad.status); // the handler above reads the param as text
    }

    void unexpectedExceptionsAre500WithoutDetails() {
        auto res = send("GET", "/api/boom");
        CPPUNIT_ASSERT_EQUAL(500, res.status);
        CPPUNIT_ASSERT(res.body.find("SELECT") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("Internal server error"), bodyOf(res)->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL(200, send("GET", "/api/things/1", "staff-token").status);
    }

    void pocoExceptionsAreLoggedInFull() {
        // Poco's what() is only the class name ("Not found"); the log needs
        // the message, the client gets none of it.
        test::CapturedLog log("motel.http");
        auto res = send("GET", "/api/poco-boom");
        CPPUNIT_ASSERT_EQUAL(500, res.status);
        CPPUNIT_ASSERT(res.body.find("row 42") == std::string::npos);
        CPPUNIT_ASSERT(log.channel->contains("GET /api/poco-boom failed: Not found: row 42 of table tasks"));
    }

    void requestIdAndMetricsAreRecorded() {
        auto res = send("GET", "/api/things/99", "staff-token");
        CPPUNIT_ASSERT(!res.header("X-Request-Id").empty());
        auto given = send("GET", "/api/things/99", "staff-token", "", "", {{"X-Request-Id", "abc-123"}});
        CPPUNIT_ASSERT_EQUAL(std::string("abc-123"), given.header("X-Request-Id"));
        const std::string text = metrics_->renderPrometheus();
        CPPUNIT_ASSERT(text.find("route=\"/api/things/:id\"") != std::string::npos);
        CPPUNIT_ASSERT(text.find("/api/things/99") == std::string::npos);
        CPPUNIT_ASSERT(traffic_->snapshot().requests >= 2);
    }

    void corsEchoesAllowedOriginsOnly() {
        host::DispatcherOptions options;
        options.corsOrigins = {"https://board.motel.test"};
        makeDispatcher(options);
        auto allowed = send("GET", "/api/things/1", "staff-token", "", "", {{"Origin", "https://board.motel.test"}});
        CPPUNIT_ASSERT_EQUAL(std::string("https://board.motel.test"), allowed.header("Access-Control-Allow-Origin"));
        CPPUNIT_ASSERT_EQUAL(std::string("true"), allowed.header("Access-Control-Allow-Credentials"));
        auto other = send("GET", "/api/things/1", "staff-token", "", "", {{"Origin", "https://evil.test"}});
        CPPUNIT_ASSERT(other.header("Access-Control-Allow-Origin").empty());
        auto preflight = send("OPTIONS", "/api/things", "", "", "",
                              {{"Origin", "https://board.motel.test"}, {"Access-Control-Request-Method", "POST"}});
        CPPUNIT_ASSERT_EQUAL(204, preflight.status);
        CPPUNIT_ASSERT(preflight.header("Access-Control-Allow-Methods").find("PATCH") != std::string::npos);
    }

    void requestBudgetAnswers429() {
        host::DispatcherOptions options;
        options.requestsPerMinute = 3;
        makeDispatcher(options);
        for (int i = 0; i < 3; ++i) CPPUNIT_ASSERT_EQUAL(200, send("GET", "/api/things/1", "staff-token").status);
        auto limited = send("GET", "/api/things/1", "staff-token");
        CPPUNIT_ASSERT_EQUAL(429, limited.status);
        CPPUNIT_ASSERT(!limited.header("Retry-After").empty());
    }

    // A load balancer probing /health must never be rate limited, and an
    // unhealthy host's 503 answers are not API errors.
    void healthProbesAreOutsideBudgetAndErrorFigures() {
        host::DispatcherOptions options;
        options.requestsPerMinute = 3;
        makeDispatcher(options);
        for (int i = 0; i < 10; ++i) CPPUNIT_ASSERT_EQUAL(503, send("GET", "/health").status);
        CPPUNIT_ASSERT_EQUAL(200, send("GET", "/api/things/1", "staff-token").status); // the budget is untouched
        const auto text = metrics_->renderPrometheus();
        CPPUNIT_ASSERT_MESSAGE(text,
                               text.find("http_requests_total{method=\"GET\",route=\"/health\",status=\"503\"} 10") !=
                                   std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(
            text, text.find("http_request_errors_total{method=\"GET\",route=\"/health\",status=\"503\"} 10") ==
                      std::string::npos);
    }

    void securityHeadersOnEveryResponse() {
        for (const auto& res : {send("GET", "/api/things/1", "staff-token"), send("GET", "/nowhere")}) {
            CPPUNIT_ASSERT_EQUAL(std::string("nosniff"), res.header("X-Content-Type-Options"));
            CPPUNIT_ASSERT_EQUAL(std::string("DENY"), res.header("X-Frame-Options"));
            CPPUNIT_ASSERT_EQUAL(std::string("no-referrer"), res.header("Referrer-Policy"));
            CPPUNIT_ASSERT(res.header("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
        }
    }

    void apiAndAuthenticatedAnswersAreNeverCached() {
        for (const auto& res : {send("GET", "/api/things/1", "staff-token"), send("GET", "/api/things/1"),
                                send("GET", "/api/nowhere", "staff-token"), send("GET", "/api/conflict", "staff-token"),
                                send("POST", "/api/things", "manager-token", "{}")})
            CPPUNIT_ASSERT_EQUAL(std::string("no-store"), res.header("Cache-Control"));
        // A public answer outside /api has none.
        CPPUNIT_ASSERT(send("GET", "/nowhere").header("Cache-Control").empty());
    }

    void metricLabelsComeFromClosedSets() {
        send("GET", "/api/things/1", "staff-token");
        const auto seriesCount = [this] {
            const std::string text = metrics_->renderPrometheus();
            std::size_t lines = 0;
            for (std::size_t at = 0; (at = text.find("\nhttp_request", at)) != std::string::npos; ++at) ++lines;
            return lines;
        };
        send("BREW", "/api/things/1", "staff-token");
        send("BREW", "/nowhere");
        send("GET", "/random/path/0");
        send("PUT", "/api/things", "staff-token");
        const std::size_t settled = seriesCount();
        for (int i = 0; i < 50; ++i) {
            const std::string n = std::to_string(i);
            send("M" + n + "THOD", "/api/things/" + n, "staff-token");
            send("GET", "/random/" + n);
            send("X-" + n, "/nowhere/" + n);
            send("PUT", "/api/things", "staff-token");
        }
        CPPUNIT_ASSERT_EQUAL(settled, seriesCount());
        const std::string text = metrics_->renderPrometheus();
        CPPUNIT_ASSERT(text.find("method=\"other\"") != std::string::npos);
        CPPUNIT_ASSERT(text.find("route=\"unmatched\"") != std::string::npos);
        CPPUNIT_ASSERT(text.find("M7THOD") == std::string::npos);
        CPPUNIT_ASSERT(text.find("/random/") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("other"), host::HttpMetrics::methodLabel("get"));
        CPPUNIT_ASSERT_EQUAL(std::string("PATCH"), host::HttpMetrics::methodLabel("PATCH"));
        CPPUNIT_ASSERT_EQUAL(std::string("other"), host::HttpMetrics::statusLabel(1000));
    }

    void successfulMutationsArePublishedForTheAuditLog() {
        host::InProcessEventBus bus(Poco::Logger::get("test"));
        std::vector<Poco::JSON::Object::Ptr> seen;
        bus.subscribe("audit.request",
                      [&](const sdk::Event& e) { seen.push_back(e.payload.extract<Poco::JSON::Object::Ptr>()); });
        dispatcher_->setEventBus(&bus);
        CPPUNIT_ASSERT_EQUAL(201, send("POST", "/api/things", "manager-token", R"({"id":31,"name":"x"})").status);
        send("POST", "/api/things", "staff-token", "{}"); // 403: not audited
        send("GET", "/api/things/1", "staff-token");      // a read: not audited
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), seen.size());
        CPPUNIT_ASSERT_EQUAL(2, seen[0]->getValue<int>("actorId"));
        CPPUNIT_ASSERT_EQUAL(std::string("POST /api/things"), seen[0]->getValue<std::string>("action"));
        CPPUNIT_ASSERT_EQUAL(std::string("things"), seen[0]->getValue<std::string>("entity"));
        CPPUNIT_ASSERT_EQUAL(std::string("31"), seen[0]->getValue<std::string>("entityId"));
        CPPUNIT_ASSERT(!seen[0]->getValue<std::string>("requestId").empty());
        dispatcher_->setEventBus(nullptr);
    }

private:
    std::unique_ptr<host::Router> router_;
    std::unique_ptr<host::PrometheusMetrics> metrics_;
    std::unique_ptr<host::MemoryCache> cache_;
    std::unique_ptr<host::TrafficWindow> traffic_;
    std::unique_ptr<host::Dispatcher> dispatcher_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(DispatcherTest);
