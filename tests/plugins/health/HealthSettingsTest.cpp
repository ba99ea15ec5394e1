#include "HealthSettings.h"

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;
using namespace motel::health;

namespace {

HealthSettings read(std::map<std::string, std::string> values) {
    return HealthSettings::fromSettings(sdk::Settings("plugins.health.", std::move(values)));
}

/// The ConfigError message for `values`, or "" when they are accepted.
std::string problemWith(std::map<std::string, std::string> values) {
    try {
        read(std::move(values));
    } catch (const sdk::ConfigError& error) {
        return error.what();
    }
    return "";
}

bool mentions(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

class HealthSettingsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HealthSettingsTest);
    CPPUNIT_TEST(testDefaultsAreTheRunbookThresholds);
    CPPUNIT_TEST(testEveryKeyCanBeSet);
    CPPUNIT_TEST(testBadValuesNameTheKey);
    CPPUNIT_TEST(testEveryThresholdOrderProblemIsListed);
    CPPUNIT_TEST(testWarningAboveCriticalIsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaultsAreTheRunbookThresholds() {
        const HealthSettings s = read({});
        CPPUNIT_ASSERT_DOUBLES_EQUAL(80.0, s.memoryWarningPercent, 0);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(90.0, s.memoryCriticalPercent, 0);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(500.0, s.responseTimeWarningMs, 0);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(2000.0, s.responseTimeCriticalMs, 0);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1.0, s.errorRateWarningPercent, 0);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(5.0, s.errorRateCriticalPercent, 0);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), s.memoryLimitBytes);
        CPPUNIT_ASSERT(!s.judgeP95);
        CPPUNIT_ASSERT_EQUAL(2000LL, static_cast<long long>(s.checkTimeout.count()));
    }

    void testEveryKeyCanBeSet() {
        const HealthSettings s = read({{"memoryWarningPercent", "70"},
                                       {"memoryCriticalPercent", "95"},
                                       {"memoryLimitMB", "256"},
                                       {"responseTimeWarningMs", "100"},
                                       {"responseTimeCriticalMs", "300"},
                                       {"responseTimeStatistic", "p95"},
                                       {"errorRateWarningPercent", "0.5"},
                                       {"errorRateCriticalPercent", "2"},
                                       {"checkTimeout", "250ms"},
                                       {"readyTimeout", "1s"},
                                       {"redisTimeout", "300ms"}});
        CPPUNIT_ASSERT_DOUBLES_EQUAL(70.0, s.memoryWarningPercent, 0);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(95.0, s.memoryCriticalPercent, 0);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(256) * 1024 * 1024, s.memoryLimitBytes);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(100.0, s.responseTimeWarningMs, 0);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(300.0, s.responseTimeCriticalMs, 0);
        CPPUNIT_ASSERT(s.judgeP95);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(0.5, s.errorRateWarningPercent, 0);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(2.0, s.errorRateCriticalPercent, 0);
        CPPUNIT_ASSERT_EQUAL(250LL, static_cast<long long>(s.checkTimeout.count()));
        CPPUNIT_ASSERT_EQUAL(1000LL, static_cast<long long>(s.readyTimeout.count()));
        CPPUNIT_ASSERT_EQUAL(300LL, static_cast<long long>(s.redisTimeout.count()));
    }

    void testEveryThresholdOrderProblemIsListed() {
        const sdk::Settings config(
            "plugins.health.",
            {{"memoryWarningPercent", "95"}, {"errorRateWarningPercent", "10"}, {"errorRateCriticalPercent", "4"}});
        const auto problems = HealthSettings::orderProblems(config);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), problems.size());
        CPPUNIT_ASSERT(problems[0].find("plugins.health.memoryWarningPercent") != std::string::npos);
        CPPUNIT_ASSERT(problems[0].find("plugins.health.memoryCriticalPercent (90)") != std::string::npos);
        CPPUNIT_ASSERT(problems[1].find("plugins.health.errorRateCriticalPercent (4)") != std::string::npos);
        CPPUNIT_ASSERT(HealthSettings::orderProblems(sdk::Settings("plugins.health.", {})).empty());
    }

    void testBadValuesNameTheKey() {
        CPPUNIT_ASSERT(
            mentions(problemWith({{"memoryWarningPercent", "lots"}}), "plugins.health.memoryWarningPercent"));
        CPPUNIT_ASSERT(
            mentions(problemWith({{"memoryCriticalPercent", "120"}}), "plugins.health.memoryCriticalPercent"));
        CPPUNIT_ASSERT(mentions(problemWith({{"errorRateWarningPercent", "-1"}}), "errorRateWarningPercent"));
        CPPUNIT_ASSERT(mentions(problemWith({{"responseTimeStatistic", "median"}}), "average or p95"));
        CPPUNIT_ASSERT(mentions(problemWith({{"checkTimeout", "0"}}), "plugins.health.checkTimeout"));
        CPPUNIT_ASSERT(mentions(problemWith({{"memoryLimitMB", "-5"}}), "plugins.health.memoryLimitMB"));
    }

    void testWarningAboveCriticalIsRefused() {
        const std::string problem = problemWith({{"memoryWarningPercent", "95"}});
        CPPUNIT_ASSERT(mentions(problem, "plugins.health.memoryWarningPercent"));
        CPPUNIT_ASSERT(mentions(problem, "plugins.health.memoryCriticalPercent"));
        CPPUNIT_ASSERT(!problemWith({{"responseTimeWarningMs", "3000"}}).empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HealthSettingsTest);
