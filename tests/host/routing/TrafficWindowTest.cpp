#include "routing/TrafficWindow.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::TrafficWindow;
using Clock = std::chrono::steady_clock;

class TrafficWindowTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TrafficWindowTest);
    CPPUNIT_TEST(countsErrorsAndLatency);
    CPPUNIT_TEST(forgetsTrafficOlderThanAMinute);
    CPPUNIT_TEST_SUITE_END();

public:
    void countsErrorsAndLatency() {
        TrafficWindow window;
        const auto now = Clock::now();
        for (int i = 0; i < 95; ++i) window.record(200, 3.0, now);
        for (int i = 0; i < 5; ++i) window.record(503, 900.0, now);
        const auto stats = window.snapshot(now);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(100), stats.requests);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(5), stats.serverErrors);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(47.85, stats.averageMs, 0.01);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(4.0, stats.p95Ms, 0.01); // the bucket holding the 95th request
    }

    void forgetsTrafficOlderThanAMinute() {
        TrafficWindow window;
        const auto then = Clock::now();
        window.record(500, 10.0, then);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), window.snapshot(then + std::chrono::seconds(30)).requests);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), window.snapshot(then + std::chrono::seconds(61)).requests);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TrafficWindowTest);
