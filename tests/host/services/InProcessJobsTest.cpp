#include "JobEngineContract.h"
#include "ServiceTestSupport.h"

#include "services/InProcessJobs.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <condition_variable>
#include <stdexcept>

using motel::host::InProcessJobs;
using motel::test::eventually;
using motel::test::Turnstile;
using std::chrono::milliseconds;

namespace {

InProcessJobs::Options fastRetries() {
    InProcessJobs::Options options;
    options.retryBase = milliseconds(5);
    options.retryCap = milliseconds(20);
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
        return std::make_unique<InProcessJobs>(workers, logger, fastRetries());
    }
    void makeEngineWithoutWorkers(Poco::Logger& logger) override { InProcessJobs(0, logger); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InProcessJobsContractTest);

/// What only the in-process engine does: jobs wait in memory for a handler,
/// and stop() drops what is queued.
class InProcessJobsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(InProcessJobsTest);
    CPPUNIT_TEST(testJobsWaitForTheirHandler);
    CPPUNIT_TEST(testStopWaitsForRunningJobs);
    CPPUNIT_TEST(testStopGivesUpAfterGrace);
    CPPUNIT_TEST_SUITE_END();

public:
    void testJobsWaitForTheirHandler() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(1, log.logger);
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
        InProcessJobs jobs(1, log.logger);
        std::atomic<bool> started{false};
        std::atomic<bool> finished{false};
        jobs.handle("report", [&](const Poco::Dynamic::Var&) {
            started = true;
            std::this_thread::sleep_for(milliseconds(100));
            finished = true;
        });
        jobs.start();
        jobs.enqueue("report", {});
        CPPUNIT_ASSERT(eventually([&] { return started.load(); }));

        jobs.stop(milliseconds(10000));

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
            InProcessJobs jobs(1, log.logger);
            jobs.handle("stuck", [turnstile](const Poco::Dynamic::Var&) { turnstile->pass(); });
            jobs.start();
            jobs.enqueue("stuck", {});
            jobs.enqueue("stuck", {});
            CPPUNIT_ASSERT(eventually([&] { return turnstile->inside() == 1; }));

            jobs.stop(milliseconds(20)); // returns although the job is still inside
            CPPUNIT_ASSERT(anyMessageContains(log, "still running"));
            CPPUNIT_ASSERT(anyMessageContains(log, "1 queued job(s) not run"));
        }
        turnstile->open(); // the detached worker finishes after its engine's owner is gone
        CPPUNIT_ASSERT(eventually([&] { return turnstile->inside() == 0; }));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InProcessJobsTest);
