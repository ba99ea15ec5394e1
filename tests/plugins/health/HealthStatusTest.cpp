#include "HealthFakes.h"
#include "HealthStatus.h"

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;
using namespace motel::health;
using motel::health::test::resultOf;

class HealthStatusTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HealthStatusTest);
    CPPUNIT_TEST(testAllOkIsHealthy);
    CPPUNIT_TEST(testNoChecksIsHealthy);
    CPPUNIT_TEST(testAnyWarningIsDegraded);
    CPPUNIT_TEST(testAnyCriticalIsUnhealthy);
    CPPUNIT_TEST(testDownWithoutLevelCountsAsCritical);
    CPPUNIT_TEST(testDownAtWarningOnlyDegrades);
    CPPUNIT_TEST(testHttpStatus);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAllOkIsHealthy() {
        const CheckResults results{{"database", resultOf(true, sdk::HealthLevel::ok)},
                                   {"memory", resultOf(true, sdk::HealthLevel::ok)}};
        CPPUNIT_ASSERT(HealthStatus::overall(results) == OverallHealth::healthy);
        CPPUNIT_ASSERT_EQUAL(std::string("healthy"), std::string(HealthStatus::name(HealthStatus::overall(results))));
    }

    void testNoChecksIsHealthy() { CPPUNIT_ASSERT(HealthStatus::overall({}) == OverallHealth::healthy); }

    void testAnyWarningIsDegraded() {
        const CheckResults results{{"database", resultOf(true, sdk::HealthLevel::ok)},
                                   {"memory", resultOf(true, sdk::HealthLevel::warning)}};
        CPPUNIT_ASSERT(HealthStatus::overall(results) == OverallHealth::degraded);
        CPPUNIT_ASSERT_EQUAL(std::string("degraded"), std::string(HealthStatus::name(OverallHealth::degraded)));
    }

    void testAnyCriticalIsUnhealthy() {
        const CheckResults results{{"database", resultOf(true, sdk::HealthLevel::warning)},
                                   {"memory", resultOf(true, sdk::HealthLevel::critical)},
                                   {"http", resultOf(true, sdk::HealthLevel::ok)}};
        CPPUNIT_ASSERT(HealthStatus::overall(results) == OverallHealth::unhealthy);
        CPPUNIT_ASSERT_EQUAL(std::string("unhealthy"), std::string(HealthStatus::name(OverallHealth::unhealthy)));
    }

    void testDownWithoutLevelCountsAsCritical() {
        const CheckResults results{{"database", resultOf(false, sdk::HealthLevel::ok)}};
        CPPUNIT_ASSERT(HealthStatus::overall(results) == OverallHealth::unhealthy);
    }

    void testDownAtWarningOnlyDegrades() {
        const CheckResults results{{"search", resultOf(false, sdk::HealthLevel::warning)}};
        CPPUNIT_ASSERT(HealthStatus::overall(results) == OverallHealth::degraded);
    }

    void testHttpStatus() {
        CPPUNIT_ASSERT_EQUAL(200, HealthStatus::httpStatus(OverallHealth::healthy));
        CPPUNIT_ASSERT_EQUAL(200, HealthStatus::httpStatus(OverallHealth::degraded));
        CPPUNIT_ASSERT_EQUAL(503, HealthStatus::httpStatus(OverallHealth::unhealthy));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HealthStatusTest);
