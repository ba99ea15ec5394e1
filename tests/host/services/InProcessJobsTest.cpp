#include "JobEngineContract.h"
#include "ManualDeadlineClock.h"
#include "ServiceTestSupport.h"

#include "services/InProcessJobs.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <condition_variable>
#include <stdexcept>
#include <thread>

using motel::host::InProcessJobs;
using motel::host::test::ManualDeadlineClock;
using motel::test::eventually;
using motel::test::Turnstile;
using std::chrono::milliseconds;

namespace {

InProcessJobs::Options onClock(std::shared_ptr<motel::host::test::ManualDeadlineClock> clock) {
    InProcessJobs::Options options;
    options.retryBase = milliseconds(5);
    options.retryCap = milliseconds(20);
    options.clock = std::move(clock);
    return options;
}

bool anyMessageContains(const motel::test::RecordingLogger& log, const std::string& part) {
    for (const auto& message : log.channel->messages())
        if (message.find(part) != std::string::npos) return true;
    return false;
}

} // namespace

/// The shared contract (JobEngineContract) on the in-process engine.
class InProcessJobsContractTest : public motel::host::test::JobEngineContract {
    CPPUNIT_TEST_SUB_SUITE(InProcessJobsContractTest, JobEngineContract);
    CPPUNIT_TEST_SUITE_END();

protected:
    std::unique_ptr<motel::host::JobEngine> makeEngine(std::size_t workers, Poco::Logger& logger) override {
        return std::make_unique<InProcessJobs>(workers, logger, onClock(clock()));
    }
    void makeEngineWithoutWorkers(Poco::Logger& logger) override { InProcessJobs(0, logger); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InProcessJobsContractTest);

/// What only the in-process engine does: jobs wait in memory for a handler,
/// and stop() drops what is queued.
class InProcessJobsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(InProcessJobsTest);
    CPPUNIT_TEST(testJobsWaitForTheirHandler);
    CPPUNIT_TEST(testTimeLimitsFollowTheEnginesClock);
    CPPUNIT_TEST(testStopWaitsForRunningJobs);
    CPPUNIT_TEST(testStopGivesUpAfterGrace);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { clock_ = std::make_shared<ManualDeadlineClock>(); }

    // An hour's tick, an hour's delay and a minute's retry all happen as soon
    // as the engine's clock says so, and not before.
    void testTimeLimitsFollowTheEnginesClock() {
        motel::test::RecordingLogger log;
        auto options = onClock(clock_);
        options.retryBase = std::chrono::minutes(1);
        options.retryCap = std::chrono::minutes(5);
        InProcessJobs jobs(1, log.logger, options);
        std::atomic<int> ticks{0};
        std::atomic<int> attempts{0};
        std::atomic<bool> delayedRan{false};
        jobs.every("hourly", std::chrono::hours(1), [&] { ++ticks; });
        jobs.handle("later", [&](const Poco::Dynamic::Var&) { delayedRan = true; });
        jobs.handle("flaky", [&](const Poco::Dynamic::Var&) {
            if (++attempts == 1) throw std::runtime_error("not yet");
        });
        jobs.start();
        motel::sdk::JobOptions inAnHour;
        inAnHour.delay = std::chrono::hours(1);
        inAnHour.maxAttempts = 2;
        jobs.enqueue("later", {}, inAnHour);
        jobs.enqueue("flaky", {}, inAnHour);

        clock_->advance(std::chrono::minutes(59));
        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["later"].queued == 1; }));
        CPPUNIT_ASSERT_EQUAL(0, ticks.load());
        CPPUNIT_ASSERT(!delayedRan.load());
        clock_->advance(std::chrono::minutes(1));
        CPPUNIT_ASSERT(eventually([&] { return ticks == 1 && delayedRan && attempts == 1; }));
        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["flaky"].failed == 1; }));
        clock_->advance(std::chrono::seconds(59));
        CPPUNIT_ASSERT_EQUAL(1, attempts.load()); // the retry waits its minute
        clock_->advance(std::chrono::seconds(1));
        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["flaky"].completed == 1; }));
        CPPUNIT_ASSERT_EQUAL(1, ticks.load());
        jobs.stop(milliseconds(5000));
    }

    void testJobsWaitForTheirHandler() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(1, log.logger, onClock(clock_));
        jobs.start();
        jobs.enqueue("later", 1);
        jobs.enqueue("later", 2);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), jobs.stats()["later"].queued);

        std::atomic<int> sum{0};
        jobs.handle("later", [&](const Poco::Dynamic::Var& payload) { sum += payload.convert<int>(); });
        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["later"].completed == 2; }));
        CPPUNIT_ASSERT_EQUAL(3, sum.load());
    }

    void testStopWaitsForRunningJobs() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(1, log.logger, onClock(clock_));
        Turnstile turnstile;
        std::atomic<bool> finished{false};
        jobs.handle("report", [&](const Poco::Dynamic::Var&) {
            turnstile.pass();
            finished = true;
        });
        jobs.start();
        jobs.enqueue("report", {});
        CPPUNIT_ASSERT(eventually([&] { return turnstile.inside() == 1; }));

        // The grace runs on the engine's clock, which does not move: stop()
        // returns only once the job is done.
        std::thread opener([&] { turnstile.open(); });
        jobs.stop(milliseconds(10));
        opener.join();

        CPPUNIT_ASSERT(finished.load());
        jobs.enqueue("report", {}); // dropped with a warning, not thrown
        CPPUNIT_ASSERT(anyMessageContains(log, "dropped"));
        CPPUNIT_ASSERT_THROW(jobs.start(), std::logic_error);
        jobs.stop(milliseconds(10)); // a second stop is harmless
    }

    void testStopGivesUpAfterGrace() {
        motel::test::RecordingLogger log;
        auto turnstile = std::make_shared<Turnstile>();
        {
            InProcessJobs jobs(1, log.logger, onClock(clock_));
            jobs.handle("stuck", [turnstile](const Poco::Dynamic::Var&) { turnstile->pass(); });
            jobs.start();
            jobs.enqueue("stuck", {});
            jobs.enqueue("stuck", {});
            CPPUNIT_ASSERT(eventually([&] { return turnstile->inside() == 1; }));

            {
                // The grace passes on the engine's clock, moved by another thread.
                motel::host::test::Timekeeper timekeeper(*clock_, milliseconds(5));
                jobs.stop(milliseconds(20)); // returns although the job is still inside
            }
            CPPUNIT_ASSERT(anyMessageContains(log, "still running"));
            CPPUNIT_ASSERT(anyMessageContains(log, "1 queued job(s) not run"));
        }
        turnstile->open(); // the detached worker finishes after its engine's owner is gone
        CPPUNIT_ASSERT(eventually([&] { return turnstile->inside() == 0; }));
    }

private:
    std::shared_ptr<ManualDeadlineClock> clock_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(InProcessJobsTest);
