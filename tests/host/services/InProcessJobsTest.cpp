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
        if (message.find(part) != std::string::npos)
            return true;
    return false;
}

} // namespace

class InProcessJobsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(InProcessJobsTest);
    CPPUNIT_TEST(testEveryRunsRepeatedlyOnlyAfterStart);
    CPPUNIT_TEST(testScheduledJobNeverOverlapsItself);
    CPPUNIT_TEST(testHandlerGetsACopyOfThePayload);
    CPPUNIT_TEST(testJobsWaitForTheirHandler);
    CPPUNIT_TEST(testDelayedJobRunsAfterItsDelay);
    CPPUNIT_TEST(testFailedJobIsRetried);
    CPPUNIT_TEST(testJobGoesToDeadLettersAfterMaxAttempts);
    CPPUNIT_TEST(testWorkerPoolIsBounded);
    CPPUNIT_TEST(testStopWaitsForRunningJobs);
    CPPUNIT_TEST(testStopGivesUpAfterGrace);
    CPPUNIT_TEST(testRejectsBadRegistrations);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryRunsRepeatedlyOnlyAfterStart() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(2, log.logger);
        std::atomic<int> runs{0};
        jobs.every("tick", milliseconds(10), [&] { ++runs; });
        std::this_thread::sleep_for(milliseconds(50));
        CPPUNIT_ASSERT_EQUAL(0, runs.load());

        jobs.start();
        CPPUNIT_ASSERT(eventually([&] { return runs >= 3; }));
        jobs.stop(milliseconds(5000));
    }

    void testScheduledJobNeverOverlapsItself() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(4, log.logger);
        Turnstile turnstile;
        std::atomic<int> runs{0};
        jobs.every("slow", milliseconds(5), [&] {
            ++runs;
            turnstile.pass();
        });
        jobs.start();

        CPPUNIT_ASSERT(eventually([&] { return anyMessageContains(log, "'slow' skipped a run"); }));
        CPPUNIT_ASSERT_EQUAL(1, turnstile.mostInside());
        turnstile.open();
        CPPUNIT_ASSERT(eventually([&] { return runs >= 2; }));
        jobs.stop(milliseconds(5000));
        CPPUNIT_ASSERT_EQUAL(1, turnstile.mostInside());
    }

    void testHandlerGetsACopyOfThePayload() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(2, log.logger);
        std::mutex mutex;
        std::string seen;
        jobs.handle("mail", [&](const Poco::Dynamic::Var& payload) {
            std::lock_guard<std::mutex> lock(mutex);
            const auto message = payload.extract<Poco::JSON::Object::Ptr>();
            seen = message->getValue<std::string>("to") + "/" + message->getValue<std::string>("attempt");
        });
        Poco::JSON::Object::Ptr message = new Poco::JSON::Object;
        message->set("to", "guest@example.com");
        message->set("attempt", 1);
        jobs.enqueue("mail", message);
        message->set("to", "changed@example.com"); // after enqueue: the job must not see it

        jobs.start();
        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["mail"].completed == 1; }));
        std::lock_guard<std::mutex> lock(mutex);
        CPPUNIT_ASSERT_EQUAL(std::string("guest@example.com/1"), seen);
        const auto stats = jobs.stats()["mail"];
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), stats.queued);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), stats.failed);
    }

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

    void testDelayedJobRunsAfterItsDelay() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(1, log.logger);
        std::atomic<bool> ran{false};
        jobs.handle("reminders", [&](const Poco::Dynamic::Var&) { ran = true; });
        jobs.start();
        const auto enqueuedAt = std::chrono::steady_clock::now();
        motel::sdk::JobOptions options;
        options.delay = milliseconds(100);
        jobs.enqueue("reminders", "wake up", options);

        CPPUNIT_ASSERT(eventually([&] { return ran.load(); }));
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - enqueuedAt >= milliseconds(100));
    }

    void testFailedJobIsRetried() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(2, log.logger, fastRetries());
        std::atomic<int> attempts{0};
        jobs.handle("flaky", [&](const Poco::Dynamic::Var&) {
            if (++attempts < 3)
                throw std::runtime_error("smtp unavailable");
        });
        jobs.start();
        jobs.enqueue("flaky", "payload");

        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["flaky"].completed == 1; }));
        const auto stats = jobs.stats()["flaky"];
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), stats.failed);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), stats.dead);
        CPPUNIT_ASSERT_EQUAL(3, attempts.load());
        CPPUNIT_ASSERT(jobs.deadLetters("flaky").empty());
        CPPUNIT_ASSERT(anyMessageContains(log, "smtp unavailable"));
    }

    void testJobGoesToDeadLettersAfterMaxAttempts() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(2, log.logger, fastRetries());
        std::atomic<int> attempts{0};
        jobs.handle("doomed", [&](const Poco::Dynamic::Var&) {
            ++attempts;
            throw std::runtime_error("bad address");
        });
        jobs.start();
        Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
        payload->set("id", 7);
        motel::sdk::JobOptions options;
        options.maxAttempts = 3;
        jobs.enqueue("doomed", payload, options);

        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["doomed"].dead == 1; }));
        const auto dead = jobs.deadLetters("doomed");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), dead.size());
        CPPUNIT_ASSERT_EQUAL(std::string("{\"id\":7}"), dead[0].payload);
        CPPUNIT_ASSERT_EQUAL(3, dead[0].attempts);
        CPPUNIT_ASSERT_EQUAL(std::string("bad address"), dead[0].error);
        const auto stats = jobs.stats()["doomed"];
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), stats.failed);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), stats.queued);
        CPPUNIT_ASSERT_EQUAL(3, attempts.load());
    }

    void testWorkerPoolIsBounded() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(2, log.logger);
        Turnstile turnstile;
        jobs.handle("bulk", [&](const Poco::Dynamic::Var&) { turnstile.pass(); });
        jobs.start();
        for (int job = 0; job < 6; ++job)
            jobs.enqueue("bulk", job);

        CPPUNIT_ASSERT(eventually([&] { return turnstile.inside() == 2; }));
        const auto busy = jobs.stats()["bulk"];
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), busy.running);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), busy.queued);
        turnstile.open();
        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["bulk"].completed == 6; }));
        CPPUNIT_ASSERT_EQUAL(2, turnstile.mostInside());
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

    void testRejectsBadRegistrations() {
        motel::test::RecordingLogger log;
        InProcessJobs jobs(1, log.logger);
        const auto noop = [] {};
        jobs.every("cleanup", milliseconds(1000), noop);
        CPPUNIT_ASSERT_THROW(jobs.every("cleanup", milliseconds(1000), noop), std::logic_error);
        CPPUNIT_ASSERT_THROW(jobs.cron("cleanup", "* * * * *", noop), std::logic_error);
        CPPUNIT_ASSERT_THROW(jobs.every("fast", milliseconds(0), noop), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(jobs.every("", milliseconds(10), noop), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(jobs.cron("nightly", "0 3 * *", noop), std::invalid_argument);
        jobs.cron("nightly", "0 3 * * *", noop);

        const auto handler = [](const Poco::Dynamic::Var&) {};
        jobs.handle("mail", handler);
        CPPUNIT_ASSERT_THROW(jobs.handle("mail", handler), std::logic_error);
        motel::sdk::JobOptions options;
        options.maxAttempts = 0;
        CPPUNIT_ASSERT_THROW(jobs.enqueue("mail", 1, options), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(InProcessJobs(0, log.logger), std::invalid_argument);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InProcessJobsTest);
