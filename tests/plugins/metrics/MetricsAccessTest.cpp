#include "MetricsAccess.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;
using motel::metrics::MetricsAccess;

namespace {

sdk::Settings settings(std::map<std::string, std::string> values) {
    return sdk::Settings("plugins.metrics.", std::move(values));
}

/// The status a scrape without credentials gets: 200 or the error's status.
int anonymousScrape(const MetricsAccess& access) {
    sdk::Request request;
    request.method = "GET";
    request.path = "/metrics";
    try {
        access.guard.check(request);
    } catch (const sdk::HttpError& error) {
        return error.status();
    }
    return 200;
}

} // namespace

class MetricsAccessTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MetricsAccessTest);
    CPPUNIT_TEST(developmentIsPublicByDefault);
    CPPUNIT_TEST(productionIsClosedUnlessConfiguredExplicitly);
    CPPUNIT_TEST(aTokenOrAnExplicitChoiceWinsEverywhere);
    CPPUNIT_TEST(aTokenAndPublicTogetherAreRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void developmentIsPublicByDefault() {
        const auto access = MetricsAccess::decide(settings({}), false);
        CPPUNIT_ASSERT_EQUAL(200, anonymousScrape(access));
        CPPUNIT_ASSERT(!access.warn);
    }

    void productionIsClosedUnlessConfiguredExplicitly() {
        const auto closed = MetricsAccess::decide(settings({}), true);
        CPPUNIT_ASSERT_EQUAL(403, anonymousScrape(closed));
        CPPUNIT_ASSERT(closed.warn);
        CPPUNIT_ASSERT(closed.logMessage.find("plugins.metrics.token") != std::string::npos);
        CPPUNIT_ASSERT(closed.logMessage.find("plugins.metrics.public=true") != std::string::npos);

        const auto open = MetricsAccess::decide(settings({{"public", "true"}}), true);
        CPPUNIT_ASSERT_EQUAL(200, anonymousScrape(open));
        CPPUNIT_ASSERT(open.warn); // public in production is said out loud
    }

    void aTokenOrAnExplicitChoiceWinsEverywhere() {
        for (const bool production : {false, true}) {
            const auto token = MetricsAccess::decide(settings({{"token", "s3cret-scraper"}}), production);
            CPPUNIT_ASSERT_EQUAL(401, anonymousScrape(token));
            sdk::Request request;
            request.headers.emplace_back("Authorization", "Bearer s3cret-scraper");
            token.guard.check(request);
            CPPUNIT_ASSERT_EQUAL(403,
                                 anonymousScrape(MetricsAccess::decide(settings({{"public", "false"}}), production)));
        }
    }

    void aTokenAndPublicTogetherAreRefused() {
        CPPUNIT_ASSERT_THROW(MetricsAccess::decide(settings({{"token", "x"}, {"public", "true"}}), true),
                             sdk::ConfigError);
        MetricsAccess::decide(settings({{"token", "x"}, {"public", "false"}}), true);
        // An empty value is no choice (compose passes unset variables as empty).
        CPPUNIT_ASSERT_EQUAL(403,
                             anonymousScrape(MetricsAccess::decide(settings({{"public", ""}, {"token", ""}}), true)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetricsAccessTest);
