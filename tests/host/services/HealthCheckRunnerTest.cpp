#include "ManualDeadlineClock.h"
#include "support/Gate.h"

#include "services/HealthCheckRunner.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

using motel::host::HealthCheckRunner;
using motel::host::test::ManualDeadlineClock;
using motel::host::test::Timekeeper;
using motel::sdk::HealthLevel;
using motel::sdk::HealthResult;
using std::chrono::milliseconds;

using motel::test::Gate;
namespace {

HealthResult healthy() {
    return HealthResult{};
}

std::string errorOf(const HealthResult& result) {
    return result.details ? result.details->getValue<std::string>("error") : "";
}

} // namespace

class HealthCheckRunnerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HealthCheckRunnerTest);
    CPPUNIT_TEST(testResultsInRegistrationOrder);
    CPPUNIT_TEST(testReplacingKeepsPosition);
    CPPUNIT_TEST(testThrowingCheckIsDownWithItsMessage);
    CPPUNIT_TEST(testHungCheckTimesOutWithoutBlockingTheCaller);
    CPPUNIT_TEST(testHungCheckIsNotStartedAgain);
    CPPUNIT_TEST(testChecksRunConcurrently);
    CPPUNIT_TEST(testRejectsBadRegistrations);
    CPPUNIT_TEST_SUITE_END();

public:
    void testResultsInRegistrationOrder() {
        HealthCheckRunner runner;
        runner.add("database", [] {
            HealthResult result;
            result.responseTimeMs = 1.5;
            return result;
        });
        runner.add("redis", [] {
            HealthResult result;
            result.level = HealthLevel::warning;
            return result;
        });
        runner.add("memory", healthy);

        const auto results = runner.runAll();

        CPPUNIT_ASSERT_EQUAL(std::size_t(3), results.size());
        CPPUNIT_ASSERT_EQUAL(std::string("database"), results[0].first);
        CPPUNIT_ASSERT_EQUAL(1.5, *results[0].second.responseTimeMs);
        CPPUNIT_ASSERT_EQUAL(std::string("redis"), results[1].first);
        CPPUNIT_ASSERT(results[1].second.level == HealthLevel::warning);
        CPPUNIT_ASSERT_EQUAL(std::string("memory"), results[2].first);
        CPPUNIT_ASSERT(results[2].second.up);
    }

    void testReplacingKeepsPosition() {
        HealthCheckRunner runner;
        runner.add("first", healthy);
        runner.add("second", healthy);
        runner.add("first", [] {
            HealthResult result;
            result.up = false;
            return result;
        });

        const auto results = runner.runAll();

        CPPUNIT_ASSERT_EQUAL(std::size_t(2), results.size());
        CPPUNIT_ASSERT_EQUAL(std::string("first"), results[0].first);
        CPPUNIT_ASSERT(!results[0].second.up);
    }

    void testThrowingCheckIsDownWithItsMessage() {
        HealthCheckRunner runner;
        runner.add("database", []() -> HealthResult { throw std::runtime_error("connection refused"); });

        const auto result = runner.runAll().at(0).second;

        CPPUNIT_ASSERT(!result.up);
        CPPUNIT_ASSERT(result.level == HealthLevel::critical);
        CPPUNIT_ASSERT_EQUAL(std::string("connection refused"), errorOf(result));
    }

    void testHungCheckTimesOutWithoutBlockingTheCaller() {
        const auto clock = std::make_shared<ManualDeadlineClock>();
        HealthCheckRunner runner(clock);
        auto gate = std::make_shared<Gate>();
        runner.add(
            "hung",
            [gate] {
                gate->wait();
                return healthy();
            },
            std::chrono::hours(1));
        runner.add("fine", healthy);

        // runAll() returns once the runner's clock passes the hour, although
        // the gate opens only afterwards.
        std::vector<std::pair<std::string, HealthResult>> results;
        {
            Timekeeper timekeeper(*clock, std::chrono::minutes(10));
            results = runner.runAll();
        }
        gate->open();

        CPPUNIT_ASSERT(!results[0].second.up);
        CPPUNIT_ASSERT(results[0].second.level == HealthLevel::critical);
        CPPUNIT_ASSERT_EQUAL(std::string("timed out after 3600000 ms"), errorOf(results[0].second));
        CPPUNIT_ASSERT(results[1].second.up);
    }

    void testHungCheckIsNotStartedAgain() {
        const auto clock = std::make_shared<ManualDeadlineClock>();
        HealthCheckRunner runner(clock);
        auto gate = std::make_shared<Gate>();
        auto calls = std::make_shared<std::atomic<int>>(0);
        runner.add(
            "hung",
            [gate, calls] {
                ++*calls;
                gate->wait();
                return healthy();
            },
            milliseconds(20));

        {
            Timekeeper timekeeper(*clock, milliseconds(5));
            CPPUNIT_ASSERT_EQUAL(std::string("timed out after 20 ms"), errorOf(runner.runAll().at(0).second));
        }
        // Later callers share the hung run and its deadline, already past.
        for (int run = 0; run < 4; ++run)
            CPPUNIT_ASSERT_EQUAL(std::string("timed out after 20 ms"), errorOf(runner.runAll().at(0).second));
        CPPUNIT_ASSERT_EQUAL(1, calls->load());

        // Once the stuck run ends, the next runAll() starts a fresh one.
        gate->open();
        bool up = false;
        for (int attempt = 0; attempt < 1000 && !up; ++attempt) {
            up = runner.runAll().at(0).second.up;
            std::this_thread::sleep_for(milliseconds(5));
        }
        CPPUNIT_ASSERT(up);
        // The first answer may be the late result of the stuck run itself (a
        // runAll() that began while it was finishing shares it); after that,
        // runs start afresh.
        for (int attempt = 0; attempt < 1000 && calls->load() < 2; ++attempt) {
            runner.runAll();
            std::this_thread::sleep_for(milliseconds(5));
        }
        CPPUNIT_ASSERT(calls->load() >= 2);
    }

    void testChecksRunConcurrently() {
        // Each check waits until the other has started: that finishes only
        // when both run at the same time.
        HealthCheckRunner runner;
        auto started = std::make_shared<std::atomic<int>>(0);
        const auto rendezvous = [started] {
            ++*started;
            for (int spin = 0; spin < 5000 && started->load() < 2; ++spin) std::this_thread::sleep_for(milliseconds(1));
            HealthResult result;
            result.up = started->load() >= 2;
            return result;
        };
        runner.add("left", rendezvous, milliseconds(10000));
        runner.add("right", rendezvous, milliseconds(10000));

        const auto results = runner.runAll();

        CPPUNIT_ASSERT(results[0].second.up);
        CPPUNIT_ASSERT(results[1].second.up);
    }

    void testRejectsBadRegistrations() {
        HealthCheckRunner runner;
        CPPUNIT_ASSERT_THROW(runner.add("", healthy), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(runner.add("x", nullptr), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(runner.add("x", healthy, milliseconds(0)), std::invalid_argument);
        CPPUNIT_ASSERT(runner.names().empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HealthCheckRunnerTest);
