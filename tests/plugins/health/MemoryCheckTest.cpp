#include "HealthDocument.h"
#include "MemoryCheck.h"

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;
using namespace motel::health;

namespace {

constexpr std::uint64_t MiB = 1024 * 1024;

MemorySnapshot snapshot(std::uint64_t residentMiB, std::uint64_t limitMiB) {
    MemorySnapshot s;
    s.heapUsedBytes = 40 * MiB + MiB / 4; // 40.25 MiB
    s.residentBytes = residentMiB * MiB;
    s.limitBytes = limitMiB * MiB;
    return s;
}

} // namespace

class MemoryCheckTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MemoryCheckTest);
    CPPUNIT_TEST(testBelowWarningIsOk);
    CPPUNIT_TEST(testAboveEightyPercentIsWarning);
    CPPUNIT_TEST(testAboveNinetyPercentIsCritical);
    CPPUNIT_TEST(testExactlyAtThresholdIsNotAbove);
    CPPUNIT_TEST(testUnknownLimitIsOk);
    CPPUNIT_TEST(testDetailsCarryDocumentedField);
    CPPUNIT_TEST(testReaderIsCalledOnEveryRun);
    CPPUNIT_TEST(testCrossedThresholdIsNamedAndTheCheckIsDown);
    CPPUNIT_TEST_SUITE_END();

public:
    void testBelowWarningIsOk() {
        const auto result = MemoryCheck::evaluate(snapshot(500, 1000), 80, 90);
        CPPUNIT_ASSERT(result.up);
        CPPUNIT_ASSERT(result.level == sdk::HealthLevel::ok);
    }

    void testAboveEightyPercentIsWarning() {
        const auto result = MemoryCheck::evaluate(snapshot(850, 1000), 80, 90);
        CPPUNIT_ASSERT(result.up);
        CPPUNIT_ASSERT(result.level == sdk::HealthLevel::warning);
    }

    void testAboveNinetyPercentIsCritical() {
        const auto result = MemoryCheck::evaluate(snapshot(950, 1000), 80, 90);
        CPPUNIT_ASSERT(result.up); // the process answers; the figure is too high
        CPPUNIT_ASSERT(result.level == sdk::HealthLevel::critical);
    }

    void testExactlyAtThresholdIsNotAbove() {
        CPPUNIT_ASSERT(MemoryCheck::evaluate(snapshot(800, 1000), 80, 90).level == sdk::HealthLevel::ok);
        CPPUNIT_ASSERT(MemoryCheck::evaluate(snapshot(900, 1000), 80, 90).level == sdk::HealthLevel::warning);
    }

    void testUnknownLimitIsOk() {
        const auto result = MemoryCheck::evaluate(snapshot(950, 0), 80, 90);
        CPPUNIT_ASSERT(result.level == sdk::HealthLevel::ok);
        CPPUNIT_ASSERT(!result.details->has("limitMB"));
    }

    void testDetailsCarryDocumentedField() {
        const auto result = MemoryCheck::evaluate(snapshot(850, 1000), 80, 90);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(40.25, result.details->getValue<double>("heapUsedMB"), 1e-9);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(850.0, result.details->getValue<double>("rssMB"), 1e-9);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1000.0, result.details->getValue<double>("limitMB"), 1e-9);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(85.0, result.details->getValue<double>("usagePercent"), 1e-9);
        CPPUNIT_ASSERT(!result.responseTimeMs);
    }

    void testReaderIsCalledOnEveryRun() {
        std::uint64_t resident = 100;
        const MemoryCheck check([&resident] { return snapshot(resident, 1000); }, 80, 90);
        CPPUNIT_ASSERT(check().level == sdk::HealthLevel::ok);
        resident = 990;
        CPPUNIT_ASSERT(check().level == sdk::HealthLevel::critical);
    }

    // The field report: memory at 196 % of the limit said "up". The check
    // itself now says down and which threshold it crossed.
    void testCrossedThresholdIsNamedAndTheCheckIsDown() {
        const auto critical = MemoryCheck::evaluate(snapshot(1960, 1000), 85, 95);
        CPPUNIT_ASSERT_EQUAL(std::string("down"), std::string(HealthDocument::checkStatus(critical)));
        const auto threshold = critical.details->getObject("threshold");
        CPPUNIT_ASSERT_EQUAL(std::string("usagePercent"), threshold->getValue<std::string>("figure"));
        CPPUNIT_ASSERT_EQUAL(196.0, threshold->getValue<double>("value"));
        CPPUNIT_ASSERT_EQUAL(95.0, threshold->getValue<double>("limit"));
        CPPUNIT_ASSERT_EQUAL(std::string("critical"), threshold->getValue<std::string>("level"));

        const auto warning = MemoryCheck::evaluate(snapshot(900, 1000), 85, 95);
        CPPUNIT_ASSERT_EQUAL(std::string("degraded"), std::string(HealthDocument::checkStatus(warning)));
        CPPUNIT_ASSERT_EQUAL(85.0, warning.details->getObject("threshold")->getValue<double>("limit"));

        const auto fine = MemoryCheck::evaluate(snapshot(500, 1000), 85, 95);
        CPPUNIT_ASSERT_EQUAL(std::string("up"), std::string(HealthDocument::checkStatus(fine)));
        CPPUNIT_ASSERT(!fine.details->has("threshold"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MemoryCheckTest);
