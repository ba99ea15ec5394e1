#pragma once
// What sdk::Jobs (plus the host's JobEngine figures) promises, checked the
// same way on both engines: InProcessJobsTest and RedisJobsTest derive from
// this abstract suite and only say how to build an engine. What only one
// engine has (Redis durability and leases, in-process stop semantics) stays
// in its own suite. Time limits are crossed with passTime() on a
// ManualDeadlineClock the engines are built with, never by sleeping.

#include "ManualDeadlineClock.h"
#include "ServiceTestSupport.h"

#include "services/JobEngine.h"

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <functional>
#include <memory>

namespace motel::host::test {

class JobEngineContract : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JobEngineContract);
    CPPUNIT_TEST(testEveryRunsRepeatedlyOnlyAfterStart);
    CPPUNIT_TEST(testScheduledJobNeverOverlapsItself);
    CPPUNIT_TEST(testScheduledRunsAndFailuresAreCounted);
    CPPUNIT_TEST(testHandlerGetsACopyOfThePayload);
    CPPUNIT_TEST(testDelayedJobRunsAfterItsDelay);
    CPPUNIT_TEST(testFailedJobIsRetried);
    CPPUNIT_TEST(testJobGoesToDeadLettersAfterMaxAttempts);
    CPPUNIT_TEST(testWorkerPoolIsBounded);
    CPPUNIT_TEST(testRejectsBadRegistrations);
    CPPUNIT_TEST(testStartsOnceAndNeverAfterStop);
    CPPUNIT_TEST_SUITE_END_ABSTRACT();

public:
    void setUp() override { clock_ = std::make_shared<ManualDeadlineClock>(); }

    void testEveryRunsRepeatedlyOnlyAfterStart();
    void testScheduledJobNeverOverlapsItself();
    void testScheduledRunsAndFailuresAreCounted();
    void testHandlerGetsACopyOfThePayload();
    void testDelayedJobRunsAfterItsDelay();
    void testFailedJobIsRetried();
    void testJobGoesToDeadLettersAfterMaxAttempts();
    void testWorkerPoolIsBounded();
    void testRejectsBadRegistrations();
    void testStartsOnceAndNeverAfterStop();

protected:
    /// A new, unstarted engine with `workers` workers, retries after 5-50 ms,
    /// running on clock(), and queues no other test sees. `logger` outlives it.
    virtual std::unique_ptr<JobEngine> makeEngine(std::size_t workers, Poco::Logger& logger) = 0;
    /// False for an engine whose delays and retries run on another clock
    /// (Redis's own, so that hosts agree): those pass in real time.
    virtual bool delaysFollowTheClock() const { return true; }

    const std::shared_ptr<ManualDeadlineClock>& clock() const { return clock_; }
    /// Move the engines' time forward.
    void passTime(std::chrono::milliseconds by) { clock_->advance(by); }
    /// Move time forward by `step` until `condition` holds (bounded by a
    /// generous real-time limit that only a failing test reaches).
    bool eventuallyPassing(std::chrono::milliseconds step, const std::function<bool()>& condition);
    /// Building an engine with zero workers throws std::invalid_argument.
    virtual void makeEngineWithoutWorkers(Poco::Logger& logger) = 0;

private:
    std::shared_ptr<ManualDeadlineClock> clock_;
};

} // namespace motel::host::test
