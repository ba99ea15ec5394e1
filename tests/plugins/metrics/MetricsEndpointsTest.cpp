#include "FakeMetricsRegistry.h"
#include "MetricsEndpoints.h"
#include "MetricsTokenGuard.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;
using namespace motel::metrics;
using motel::metrics::test::FakeMetricsRegistry;

namespace {

class Routes : public sdk::RouteRegistry {
public:
    std::map<std::string, sdk::Route> added;
    void add(sdk::Route route) override { added[route.method + " " + route.path] = std::move(route); }
};

sdk::Request requestWith(const std::string& authorization) {
    sdk::Request request;
    request.method = "GET";
    request.path = "/metrics";
    if (!authorization.empty()) request.headers.emplace_back("Authorization", authorization);
    return request;
}

/// The status a guarded call ends with: 200, or the HttpError's status.
int statusOf(const MetricsEndpoints& endpoints, const sdk::Request& request, bool prometheus) {
    sdk::Response response;
    try {
        if (prometheus)
            endpoints.prometheus(request, response);
        else
            endpoints.json(request, response);
    } catch (const sdk::HttpError& error) {
        return error.status();
    }
    return response.status;
}

} // namespace

class MetricsEndpointsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MetricsEndpointsTest);
    CPPUNIT_TEST(testRoutesArePublicToTheHost);
    CPPUNIT_TEST(testPrometheusTextAndContentType);
    CPPUNIT_TEST(testJsonRunsTheScrapeHooks);
    CPPUNIT_TEST(testWithoutTokenEveryoneMayScrape);
    CPPUNIT_TEST(testTokenIsRequiredWhenConfigured);
    CPPUNIT_TEST(testUnauthorizedNamesTheScheme);
    CPPUNIT_TEST(testConstantTimeEquals);
    CPPUNIT_TEST_SUITE_END();

public:
    void testRoutesArePublicToTheHost() {
        FakeMetricsRegistry registry;
        Routes routes;
        std::make_shared<MetricsEndpoints>(registry, MetricsTokenGuard("secret"))->registerRoutes(routes);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), routes.added.size());
        CPPUNIT_ASSERT(!routes.added.at("GET /metrics").access.requiresAuthentication);
        CPPUNIT_ASSERT(!routes.added.at("GET /metrics/prometheus").access.requiresAuthentication);
    }

    void testPrometheusTextAndContentType() {
        FakeMetricsRegistry registry;
        const MetricsEndpoints endpoints(registry, MetricsTokenGuard(""));
        sdk::Response response;
        endpoints.prometheus(requestWith(""), response);
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("text/plain; version=0.0.4; charset=utf-8"), response.header("Content-Type"));
        CPPUNIT_ASSERT_EQUAL(registry.prometheusText, response.body);
    }

    void testJsonRunsTheScrapeHooks() {
        FakeMetricsRegistry registry;
        int scrapes = 0;
        registry.onScrape([&scrapes] { ++scrapes; });
        registry.gauge("motel_tasks_pending", "", {}).set(3);
        const MetricsEndpoints endpoints(registry, MetricsTokenGuard(""));
        sdk::Response response;
        endpoints.json(requestWith(""), response);
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"motel_tasks_pending\":3}"), response.body);
        CPPUNIT_ASSERT_EQUAL(1, scrapes);
    }

    void testWithoutTokenEveryoneMayScrape() {
        FakeMetricsRegistry registry;
        const MetricsEndpoints endpoints(registry, MetricsTokenGuard(""));
        CPPUNIT_ASSERT_EQUAL(200, statusOf(endpoints, requestWith(""), true));
        CPPUNIT_ASSERT_EQUAL(200, statusOf(endpoints, requestWith("Bearer anything"), false));
    }

    void testTokenIsRequiredWhenConfigured() {
        FakeMetricsRegistry registry;
        const MetricsEndpoints endpoints(registry, MetricsTokenGuard("s3cret-token"));
        for (bool prometheus : {true, false}) {
            CPPUNIT_ASSERT_EQUAL(401, statusOf(endpoints, requestWith(""), prometheus));
            CPPUNIT_ASSERT_EQUAL(401, statusOf(endpoints, requestWith("Bearer wrong"), prometheus));
            CPPUNIT_ASSERT_EQUAL(401, statusOf(endpoints, requestWith("Bearer s3cret-token-and-more"), prometheus));
            CPPUNIT_ASSERT_EQUAL(401, statusOf(endpoints, requestWith("Bearer s3cret"), prometheus));
            CPPUNIT_ASSERT_EQUAL(401, statusOf(endpoints, requestWith("Basic s3cret-token"), prometheus));
            CPPUNIT_ASSERT_EQUAL(401, statusOf(endpoints, requestWith("s3cret-token"), prometheus));
            CPPUNIT_ASSERT_EQUAL(200, statusOf(endpoints, requestWith("Bearer s3cret-token"), prometheus));
            CPPUNIT_ASSERT_EQUAL(200, statusOf(endpoints, requestWith("bearer s3cret-token"), prometheus));
        }
    }

    void testUnauthorizedNamesTheScheme() {
        const MetricsTokenGuard guard("token");
        try {
            guard.check(requestWith("Bearer nope"));
            CPPUNIT_FAIL("expected 401");
        } catch (const sdk::HttpError& error) {
            CPPUNIT_ASSERT_EQUAL(401, error.status());
            CPPUNIT_ASSERT_EQUAL(std::string("Unauthorized"), error.messages().at(0));
            bool challenged = false;
            for (const auto& [name, value] : error.headers())
                challenged = challenged || (name == "WWW-Authenticate" && value.rfind("Bearer", 0) == 0);
            CPPUNIT_ASSERT(challenged);
        }
    }

    void testConstantTimeEquals() {
        CPPUNIT_ASSERT(MetricsTokenGuard::constantTimeEquals("abc", "abc"));
        CPPUNIT_ASSERT(!MetricsTokenGuard::constantTimeEquals("abc", "abd"));
        CPPUNIT_ASSERT(!MetricsTokenGuard::constantTimeEquals("abc", "ab"));
        CPPUNIT_ASSERT(!MetricsTokenGuard::constantTimeEquals("abc", "abcabc"));
        CPPUNIT_ASSERT(!MetricsTokenGuard::constantTimeEquals("abc", ""));
        CPPUNIT_ASSERT(!MetricsTokenGuard::constantTimeEquals("", ""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetricsEndpointsTest);
