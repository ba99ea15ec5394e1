#include "ProcessStats.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::metrics::ProcessStats;

class ProcessStatsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ProcessStatsTest);
    CPPUNIT_TEST(testParsesCpuAndMemoryFields);
    CPPUNIT_TEST(testCommandNameWithSpacesAndParentheses);
    CPPUNIT_TEST(testRejectsTruncatedOrGarbledLines);
    CPPUNIT_TEST(testReadsThisProcess);
    CPPUNIT_TEST_SUITE_END();

    // A real /proc/<pid>/stat line (Linux 6.1): utime 250, stime 50 ticks,
    // vsize 123456789 bytes, rss 1000 pages.
    static std::string statLine(const std::string& name) {
        return "4242 (" + name +
               ") S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 50 0 0 20 0 18 0 1000 123456789 1000 "
               "18446744073709551615 1 1 0 0 0 0 0 4096 17475 0 0 0 17 1 0 0 0 0 0";
    }

public:
    void testParsesCpuAndMemoryFields() {
        const auto fields = ProcessStats::parseStat(statLine("motel-host"), 100, 4096);
        CPPUNIT_ASSERT(fields);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(3.0, fields->cpuSeconds, 1e-9);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(123456789), fields->virtualBytes);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1000 * 4096), fields->residentBytes);
    }

    void testCommandNameWithSpacesAndParentheses() {
        const auto fields = ProcessStats::parseStat(statLine("a) (b c"), 100, 4096);
        CPPUNIT_ASSERT(fields);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(123456789), fields->virtualBytes);
    }

    void testRejectsTruncatedOrGarbledLines() {
        CPPUNIT_ASSERT(!ProcessStats::parseStat("", 100, 4096));
        CPPUNIT_ASSERT(!ProcessStats::parseStat("4242 (x) S 1 2 3", 100, 4096));
        CPPUNIT_ASSERT(!ProcessStats::parseStat("4242 x S 1 2 3", 100, 4096));
        std::string garbled = statLine("x");
        garbled.replace(garbled.find(" 250 "), 5, " abc ");
        CPPUNIT_ASSERT(!ProcessStats::parseStat(garbled, 100, 4096));
        CPPUNIT_ASSERT(!ProcessStats::parseStat(statLine("x"), 0, 4096));
    }

    void testReadsThisProcess() {
        const auto sample = ProcessStats().read();
        CPPUNIT_ASSERT(sample.residentBytes > 0);
        CPPUNIT_ASSERT(sample.virtualBytes > sample.residentBytes);
        CPPUNIT_ASSERT(sample.openFds >= 3); // stdin, stdout, stderr
        CPPUNIT_ASSERT(sample.maxFds >= sample.openFds);
        CPPUNIT_ASSERT(sample.cpuSeconds >= 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ProcessStatsTest);
