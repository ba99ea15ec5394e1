#include "RedisServerProcess.h"
#include "RedisTestSupport.h"
#include "host/services/JobEngineContract.h"
#include "host/services/ManualDeadlineClock.h"
#include "host/services/ServiceTestSupport.h"

#include "services/redis/RedisJobs.h"

#include <Poco/JSON/Object.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>

using motel::host::RedisJobs;
using motel::host::RedisUrl;
using motel::host::test::ManualDeadlineClock;
using motel::test::eventually;
using motel::test::Turnstile;
using std::chrono::milliseconds;

namespace {

using Clock = std::chrono::steady_clock;

/// Payloads a handler saw, thread-safe.
class Seen {
public:
    void add(int value) {
        std::lock_guard<std::mutex> lock(mutex_);
        values_.insert(value);
        ++count_;
    }
    std::multiset<int> values() {
        std::lock_guard<std::mutex> lock(mutex_);
        return values_;
    }
    int count() {
        std::lock_guard<std::mutex> lock(mutex_);
        return count_;
    }

private:
    std::mutex mutex_;
    std::multiset<int> values_;
    int count_ = 0;
};

/// Fast everything, own keys.
RedisJobs::Options testOptions(const std::string& prefix) {
    RedisJobs::Options options;
    options.keyPrefix = prefix;
    options.retryBase = milliseconds(50);
    options.retryCap = milliseconds(200);
    options.pollInterval = milliseconds(50);
    options.fetchBlock = milliseconds(100);
    options.connection.reconnectBase = milliseconds(20);
    options.connection.reconnectCap = milliseconds(200);
    return options;
}

/// What the engine logged, for the message of a failed assertion.
std::string logText(const motel::test::RecordingLogger& log) {
    std::string text;
    for (const auto& message : log.channel->messages())
        if (message.find("next attempt") == std::string::npos) // the reconnect chatter
            text += message + "\n";
    return text;
}

/// Move `clock` forward by `step` until `condition` holds (bounded in real time).
bool advanceUntil(ManualDeadlineClock& clock, milliseconds step, const std::function<bool()>& condition) {
    return eventually([&] {
        if (condition()) return true;
        clock.advance(step);
        std::this_thread::sleep_for(milliseconds(1)); // let the engines look
        return false;
    });
}

std::size_t countMessages(const motel::test::RecordingLogger& log, const std::string& part) {
    std::size_t count = 0;
    for (const auto& message : log.channel->messages())
        if (message.find(part) != std::string::npos) ++count;
    return count;
}

} // namespace

/// The shared contract (JobEngineContract) on the Redis engine.
class RedisJobsContractTest : public motel::host::test::JobEngineContract {
    CPPUNIT_TEST_SUB_SUITE(RedisJobsContractTest, JobEngineContract);
    CPPUNIT_TEST_SUITE_END();

protected:
    std::unique_ptr<motel::host::JobEngine> makeEngine(std::size_t workers, Poco::Logger& logger) override {
        auto options = testOptions(motel::test::uniqueQueuePrefix());
        options.retryBase = milliseconds(5);
        options.retryCap = milliseconds(50);
        options.clock = clock();
        return std::make_unique<RedisJobs>(motel::test::fixtureRedis(1), "host-a", workers, logger, options);
    }
    void makeEngineWithoutWorkers(Poco::Logger& logger) override {
        RedisJobs(motel::test::fixtureRedis(1), "host-a", 0, logger);
    }
    // Delays and retries are due on Redis's clock (RedisQueueStore), so
    // that hosts with skewed clocks agree: they pass in real time.
    bool delaysFollowTheClock() const override { return false; }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisJobsContractTest);

/// What only the Redis engine does: durability, leases, one run per tick
/// across hosts, Redis restarts. Ticks fall on a ManualDeadlineClock the engines
/// share; delays, retries and leases are due on Redis's own clock, so those
/// tests wait for Redis (bounded by eventually()).
class RedisJobsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RedisJobsTest);
    CPPUNIT_TEST(testEnqueuedJobIsHandledThenAcknowledged);
    CPPUNIT_TEST(testFailedJobIsRetriedWithBackoff);
    CPPUNIT_TEST(testJobOfAKilledWorkerRunsAgainAfterVisibilityTimeout);
    CPPUNIT_TEST(testLongJobKeepsItsLease);
    CPPUNIT_TEST(testScheduledJobRunsOncePerTickAcrossEngines);
    CPPUNIT_TEST(testRedisRestartLosesNoJob);
    CPPUNIT_TEST(testTickMissedDuringAnOutageRunsWhenRedisReturns);
    CPPUNIT_TEST(testJobSafeWithoutRedisRunsDuringTheOutage);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEnqueuedJobIsHandledThenAcknowledged() {
        motel::test::RecordingLogger log;
        const auto prefix = motel::test::uniqueQueuePrefix();
        RedisJobs jobs(motel::test::fixtureRedis(1), "host-a", 2, log.logger, testOptions(prefix));
        std::mutex mutex;
        std::string seen;
        jobs.handle("mail", [&](const Poco::Dynamic::Var& payload) {
            std::lock_guard<std::mutex> lock(mutex);
            seen = payload.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("to");
        });
        Poco::JSON::Object::Ptr message = new Poco::JSON::Object;
        message->set("to", "guest@example.com");
        jobs.enqueue("mail", message);
        message->set("to", "changed@example.com"); // after enqueue: the job must not see it
        jobs.start();

        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["mail"].completed == 1; }));
        {
            std::lock_guard<std::mutex> lock(mutex);
            CPPUNIT_ASSERT_EQUAL(std::string("guest@example.com"), seen);
        }
        const auto redis = motel::test::inspector(motel::test::fixtureRedis(1));
        const auto stream = prefix + "mail:stream";
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), redis->command({"XLEN", stream}).integer());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             redis->command({"XPENDING", stream, "workers"}).elements().at(0).integer());
        const auto stats = jobs.stats()["mail"];
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), stats.queued);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), stats.failed);
    }

    void testFailedJobIsRetriedWithBackoff() {
        motel::test::RecordingLogger log;
        RedisJobs jobs(motel::test::fixtureRedis(1), "host-a", 2, log.logger,
                       testOptions(motel::test::uniqueQueuePrefix()));
        std::mutex mutex;
        std::vector<Clock::time_point> attemptsAt;
        jobs.handle("flaky", [&](const Poco::Dynamic::Var&) {
            std::lock_guard<std::mutex> lock(mutex);
            attemptsAt.push_back(Clock::now());
            if (attemptsAt.size() < 3) throw std::runtime_error("smtp unavailable");
        });
        jobs.start();
        jobs.enqueue("flaky", "payload");

        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["flaky"].completed == 1; }));
        const auto stats = jobs.stats()["flaky"];
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), stats.failed);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), stats.dead);
        std::lock_guard<std::mutex> lock(mutex);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), attemptsAt.size());
        // Exponential backoff: 50 ms after the first failure, 100 ms after the second.
        CPPUNIT_ASSERT(attemptsAt[1] - attemptsAt[0] >= milliseconds(50));
        CPPUNIT_ASSERT(attemptsAt[2] - attemptsAt[1] >= milliseconds(100));
        CPPUNIT_ASSERT(jobs.deadLetters("flaky").empty());
    }

    // This test and the next cross a visibility timeout on the real clock, on
    // purpose: leases are due on Redis's own clock (TIME, so that hosts whose
    // clocks disagree still agree on them), and no test clock moves Redis's.
    // The timeouts are kept short (200-500 ms). Delays and retries are on
    // Redis's clock too (delaysFollowTheClock() above); ticks and stop()'s
    // grace are on the test's ManualDeadlineClock.
    void testJobOfAKilledWorkerRunsAgainAfterVisibilityTimeout() {
        const auto prefix = motel::test::uniqueQueuePrefix();
        const auto url = motel::test::testRedisUrl() + "/1";
        {
            // Enqueued before any worker exists, so the doomed one takes it.
            motel::test::RecordingLogger log;
            RedisJobs producer(motel::test::fixtureRedis(1), "producer", 1, log.logger, testOptions(prefix));
            producer.enqueue("invoices", 42);
        }
        Poco::Pipe output;
        auto worker = Poco::Process::launch(MOTEL_REDIS_CRASH_WORKER, {url, prefix, "invoices", "500"}, nullptr,
                                            &output, nullptr);
        Poco::PipeInputStream fromWorker(output);
        std::string line;
        std::getline(fromWorker, line);
        CPPUNIT_ASSERT_EQUAL(std::string("started 42"), line);
        Poco::Process::kill(worker); // SIGKILL, mid-handler
        worker.wait();

        motel::test::RecordingLogger log;
        auto options = testOptions(prefix);
        options.visibilityTimeout = milliseconds(500);
        RedisJobs survivor(motel::test::fixtureRedis(1), "survivor", 1, log.logger, options);
        Seen seen;
        survivor.handle("invoices", [&](const Poco::Dynamic::Var& payload) { seen.add(payload.convert<int>()); });
        survivor.start();
        CPPUNIT_ASSERT(eventually([&] { return seen.count() == 1; }));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), seen.values().count(42));
        CPPUNIT_ASSERT(survivor.deadLetters("invoices").empty());
    }

    void testLongJobKeepsItsLease() {
        // A handler running for several visibility timeouts is not taken
        // away from a live worker: its heartbeat renews the lease.
        const auto prefix = motel::test::uniqueQueuePrefix();
        auto options = testOptions(prefix);
        options.visibilityTimeout = milliseconds(200);
        motel::test::RecordingLogger log;
        RedisJobs first(motel::test::fixtureRedis(1), "host-a", 1, log.logger, options);
        RedisJobs second(motel::test::fixtureRedis(1), "host-b", 1, log.logger, options);
        std::atomic<int> runs{0};
        std::atomic<bool> done{false};
        const auto slow = [&](const Poco::Dynamic::Var&) {
            ++runs;
            std::this_thread::sleep_for(milliseconds(1000));
            done = true;
        };
        first.handle("reports", slow);
        second.handle("reports", slow);
        first.enqueue("reports", 1);
        first.start();
        second.start();
        CPPUNIT_ASSERT(eventually([&] { return done.load(); }));
        first.stop(milliseconds(5000));
        second.stop(milliseconds(5000));
        CPPUNIT_ASSERT_EQUAL(1, runs.load());
    }

    void testScheduledJobRunsOncePerTickAcrossEngines() {
        const auto prefix = motel::test::uniqueQueuePrefix();
        const milliseconds interval(200);
        const auto clock = std::make_shared<ManualDeadlineClock>();
        auto options = testOptions(prefix);
        options.clock = clock;
        motel::test::RecordingLogger log;
        RedisJobs first(motel::test::fixtureRedis(1), "host-a", 2, log.logger, options);
        RedisJobs second(motel::test::fixtureRedis(1), "host-b", 2, log.logger, options);
        std::atomic<int> runsOnFirst{0};
        std::atomic<int> runsOnSecond{0};
        first.every("stayover", interval, [&] { ++runsOnFirst; });
        second.every("stayover", interval, [&] { ++runsOnSecond; });
        first.start();
        second.start();
        // One tick per advance; a tick that falls while the last run still
        // holds its lease is skipped (logged), never run twice.
        int ticks = 0;
        CPPUNIT_ASSERT_MESSAGE(logText(log), eventually([&] {
                                   if (runsOnFirst + runsOnSecond >= 5) return true;
                                   clock->advance(interval);
                                   ++ticks;
                                   std::this_thread::sleep_for(milliseconds(5)); // let the engines claim it
                                   return false;
                               }));
        first.stop(milliseconds(5000));
        second.stop(milliseconds(5000));
        CPPUNIT_ASSERT(runsOnFirst + runsOnSecond <= ticks); // at most one run per tick, on one engine of the two
    }

    void testRedisRestartLosesNoJob() {
        motel::test::RedisServerProcess server({"--appendonly", "yes", "--appendfsync", "always"});
        server.start();
        motel::test::RecordingLogger log;
        RedisJobs jobs(RedisUrl::parse(server.url()), "host-a", 2, log.logger, testOptions("motel:queue:"));
        Seen seen;
        Turnstile gate;
        jobs.handle("bookings", [&](const Poco::Dynamic::Var& payload) {
            const int id = payload.convert<int>();
            if (id == 11 || id == 12) gate.pass(); // in flight while Redis goes away
            seen.add(id);
        });
        jobs.start();
        for (int id = 1; id <= 10; ++id) jobs.enqueue("bookings", id);
        CPPUNIT_ASSERT(eventually([&] { return seen.count() == 10; }));
        for (int id = 11; id <= 20; ++id) // 11 and 12 block both workers; 13-20 wait in Redis
            jobs.enqueue("bookings", id);
        CPPUNIT_ASSERT(eventually([&] { return gate.inside() == 2; }));

        server.stop();
        gate.open(); // 11 and 12 finish while Redis is down: their acknowledgements wait
        for (int id = 21; id <= 25; ++id) jobs.enqueue("bookings", id); // neither blocks nor throws
        CPPUNIT_ASSERT(eventually([&] { return seen.count() == 12; }));
        server.start();

        CPPUNIT_ASSERT_MESSAGE(logText(log), eventually([&] { return seen.count() >= 25; }, std::chrono::seconds(30)));
        std::set<int> distinct;
        for (const int id : seen.values()) distinct.insert(id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(25), distinct.size());
        CPPUNIT_ASSERT_EQUAL(25, seen.count()); // acknowledged jobs did not run twice
        CPPUNIT_ASSERT(eventually([&] { return jobs.stats()["bookings"].queued == 0; }));
        jobs.stop(milliseconds(5000));
    }

    // A tick that falls while Redis is down is not lost: it is claimed (on
    // one engine of the two) as soon as Redis answers, long before the next
    // tick, and counted as late.
    void testTickMissedDuringAnOutageRunsWhenRedisReturns() {
        motel::test::RedisServerProcess server({"--appendonly", "yes"});
        server.start();
        const milliseconds interval(3000);
        const auto clock = std::make_shared<ManualDeadlineClock>();
        auto options = testOptions("motel:queue:");
        options.clock = clock;
        motel::test::RecordingLogger log;
        RedisJobs first(RedisUrl::parse(server.url()), "host-a", 1, log.logger, options);
        RedisJobs second(RedisUrl::parse(server.url()), "host-b", 1, log.logger, options);
        std::atomic<int> runs{0};
        first.every("report", interval, [&] { ++runs; });
        second.every("report", interval, [&] { ++runs; });
        first.start();
        second.start();
        clock->advance(interval);
        CPPUNIT_ASSERT_MESSAGE(logText(log), eventually([&] { return runs == 1; }));

        server.stop();
        clock->advance(interval); // the next tick falls in the outage: both engines wait for Redis
        CPPUNIT_ASSERT_MESSAGE(
            logText(log), eventually([&] { return countMessages(log, "Redis is unreachable; the run waits") == 2; }));
        CPPUNIT_ASSERT_EQUAL(1, runs.load());
        server.start(); // the clock stands still: only the missed tick can run now
        CPPUNIT_ASSERT_MESSAGE(logText(log), eventually([&] { return runs == 2; }));
        first.stop(milliseconds(5000));
        second.stop(milliseconds(5000));
        CPPUNIT_ASSERT_EQUAL(2, runs.load()); // once, not once per engine
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1),
                             first.scheduleStats()["report"].late + second.scheduleStats()["report"].late);
    }

    // A job named in runWithoutRedis (its own guard makes a second run
    // harmless) does not wait: each engine runs its ticks during the outage.
    void testJobSafeWithoutRedisRunsDuringTheOutage() {
        motel::test::RedisServerProcess server({"--appendonly", "yes"});
        server.start();
        motel::test::RecordingLogger log;
        const auto clock = std::make_shared<ManualDeadlineClock>();
        auto options = testOptions("motel:queue:");
        options.runWithoutRedis = {"idempotent"};
        options.clock = clock;
        RedisJobs first(RedisUrl::parse(server.url()), "host-a", 1, log.logger, options);
        RedisJobs second(RedisUrl::parse(server.url()), "host-b", 1, log.logger, options);
        std::atomic<int> onFirst{0}, onSecond{0}, guarded{0};
        first.every("idempotent", milliseconds(500), [&] { ++onFirst; });
        second.every("idempotent", milliseconds(500), [&] { ++onSecond; });
        first.every("guarded", milliseconds(500), [&] { ++guarded; });
        first.start();
        second.start();
        CPPUNIT_ASSERT(
            advanceUntil(*clock, milliseconds(500), [&] { return onFirst + onSecond >= 1 && guarded >= 1; }));

        server.stop();
        const int guardedBefore = guarded;
        const int firstBefore = onFirst, secondBefore = onSecond;
        CPPUNIT_ASSERT_MESSAGE(logText(log), advanceUntil(*clock, milliseconds(500), [&] {
                                   return onFirst >= firstBefore + 2 &&
                                          onSecond >= secondBefore + 2; // every tick, on both engines
                               }));
        CPPUNIT_ASSERT(guarded <= guardedBefore + 1); // at most a run claimed before Redis went away; then it waits
        const int guardedDuringOutage = guarded;
        server.start();
        CPPUNIT_ASSERT(eventually([&] { return guarded > guardedDuringOutage; }));
        first.stop(milliseconds(5000));
        second.stop(milliseconds(5000));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisJobsTest);
