#include "TrafficCheck.h"

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;
using namespace motel::health;

namespace {

sdk::TrafficStats traffic(std::uint64_t requests, std::uint64_t errors, double averageMs, double p95Ms) {
    sdk::TrafficStats stats;
    stats.requests = requests;
    stats.serverErrors = errors;
    stats.averageMs = averageMs;
    stats.p95Ms = p95Ms;
    return stats;
}

sdk::HealthLevel levelOf(const sdk::TrafficStats& stats, const HealthSettings& settings = {}) {
    return TrafficCheck::evaluate(stats, settings).level;
}

} // namespace

class TrafficCheckTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TrafficCheckTest);
    CPPUNIT_TEST(testNoRequestsIsOk);
    CPPUNIT_TEST(testResponseTimeThresholds);
    CPPUNIT_TEST(testErrorRateThresholds);
    CPPUNIT_TEST(testWorstOfBothWins);
    CPPUNIT_TEST(testP95CanBeJudged);
    CPPUNIT_TEST(testDetails);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNoRequestsIsOk() {
        const auto result = TrafficCheck::evaluate(traffic(0, 0, 0, 0), {});
        CPPUNIT_ASSERT(result.up);
        CPPUNIT_ASSERT(result.level == sdk::HealthLevel::ok);
    }

    void testResponseTimeThresholds() {
        CPPUNIT_ASSERT(levelOf(traffic(100, 0, 120, 400)) == sdk::HealthLevel::ok);
        CPPUNIT_ASSERT(levelOf(traffic(100, 0, 500, 900)) == sdk::HealthLevel::ok);
        CPPUNIT_ASSERT(levelOf(traffic(100, 0, 501, 900)) == sdk::HealthLevel::warning);
        CPPUNIT_ASSERT(levelOf(traffic(100, 0, 2001, 3000)) == sdk::HealthLevel::critical);
    }

    void testErrorRateThresholds() {
        CPPUNIT_ASSERT(levelOf(traffic(1000, 10, 5, 5)) == sdk::HealthLevel::ok);       // 1 %
        CPPUNIT_ASSERT(levelOf(traffic(1000, 11, 5, 5)) == sdk::HealthLevel::warning);  // 1.1 %
        CPPUNIT_ASSERT(levelOf(traffic(1000, 50, 5, 5)) == sdk::HealthLevel::warning);  // 5 %
        CPPUNIT_ASSERT(levelOf(traffic(1000, 51, 5, 5)) == sdk::HealthLevel::critical); // 5.1 %
    }

    void testWorstOfBothWins() { CPPUNIT_ASSERT(levelOf(traffic(100, 10, 600, 600)) == sdk::HealthLevel::critical); }

    void testP95CanBeJudged() {
        HealthSettings settings;
        const auto stats = traffic(100, 0, 100, 2500);
        CPPUNIT_ASSERT(levelOf(stats, settings) == sdk::HealthLevel::ok);
        settings.judgeP95 = true;
        CPPUNIT_ASSERT(levelOf(stats, settings) == sdk::HealthLevel::critical);
    }

    void testDetails() {
        const auto result = TrafficCheck::evaluate(traffic(200, 3, 12.346, 40.5), {});
        CPPUNIT_ASSERT_EQUAL(200, result.details->getValue<int>("requests"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(12.35, result.details->getValue<double>("averageMs"), 1e-9);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(40.5, result.details->getValue<double>("p95Ms"), 1e-9);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1.5, result.details->getValue<double>("errorRatePercent"), 1e-9);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TrafficCheckTest);
