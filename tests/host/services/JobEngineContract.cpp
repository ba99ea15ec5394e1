#include "JobEngineContract.h"

#include <Poco/JSON/Object.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace motel::host::test {

using motel::test::eventually;
using motel::test::RecordingLogger;
using motel::test::Turnstile;
using std::chrono::milliseconds;

namespace {

bool anyMessageContains(const RecordingLogger& log, const std::string& part) {
    for (const auto& message : log.channel->messages())
        if (message.find(part) != std::string::npos) return true;
    return false;
}

sdk::JobOptions attempts(int maxAttempts) {
    sdk::JobOptions options;
    options.maxAttempts = maxAttempts;
    return options;
}

} // namespace

bool JobEngineContract::eventuallyPassing(milliseconds step, const std::function<bool()>& condition) {
    return eventually([&] {
        if (condition()) return true;
        passTime(step);
        std::this_thread::sleep_for(milliseconds(1)); // let the engine's threads look
        return false;
    });
}

void JobEngineContract::testEveryRunsRepeatedlyOnlyAfterStart() {
    RecordingLogger log;
    auto jobs = makeEngine(2, log.logger);
    std::atomic<int> runs{0};
    jobs->every("tick", milliseconds(10), [&] { ++runs; });
    passTime(milliseconds(50));
    CPPUNIT_ASSERT_EQUAL(0, runs.load());

    jobs->start();
    CPPUNIT_ASSERT(eventuallyPassing(milliseconds(10), [&] { return runs >= 3; }));
    jobs->stop(milliseconds(5000));
}

void JobEngineContract::testScheduledJobNeverOverlapsItself() {
    RecordingLogger log;
    auto jobs = makeEngine(4, log.logger);
    Turnstile turnstile;
    std::atomic<int> runs{0};
    jobs->every("slow", milliseconds(5), [&] {
        ++runs;
        turnstile.pass();
    });
    jobs->start();

    CPPUNIT_ASSERT(eventuallyPassing(milliseconds(5), [&] { return anyMessageContains(log, "'slow' skipped a run"); }));
    CPPUNIT_ASSERT_EQUAL(1, turnstile.mostInside());
    CPPUNIT_ASSERT(jobs->scheduleStats()["slow"].skipped >= 1);
    turnstile.open();
    CPPUNIT_ASSERT(eventuallyPassing(milliseconds(5), [&] { return runs >= 2; }));
    jobs->stop(milliseconds(5000));
    CPPUNIT_ASSERT_EQUAL(1, turnstile.mostInside());
}

void JobEngineContract::testScheduledRunsAndFailuresAreCounted() {
    RecordingLogger log;
    auto jobs = makeEngine(2, log.logger);
    std::atomic<int> runs{0};
    jobs->every("flaky.tick", milliseconds(10), [&] {
        if (++runs % 2 == 0) throw std::runtime_error("every other run fails");
    });
    jobs->cron("nightly", "0 3 * * *", [] {});
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), jobs->scheduleStats().size()); // listed from registration on
    jobs->start();

    CPPUNIT_ASSERT(
        eventuallyPassing(milliseconds(10), [&] { return jobs->scheduleStats()["flaky.tick"].failures >= 2; }));
    jobs->stop(milliseconds(5000));
    const auto figures = jobs->scheduleStats()["flaky.tick"];
    CPPUNIT_ASSERT_EQUAL(static_cast<std::uint64_t>(runs.load()), figures.runs);
    CPPUNIT_ASSERT_EQUAL(static_cast<std::uint64_t>(runs.load() / 2), figures.failures);
    CPPUNIT_ASSERT(anyMessageContains(log, "Scheduled job 'flaky.tick' failed: every other run fails"));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), jobs->scheduleStats()["nightly"].runs);
}

void JobEngineContract::testHandlerGetsACopyOfThePayload() {
    RecordingLogger log;
    auto jobs = makeEngine(2, log.logger);
    std::mutex mutex;
    std::string seen;
    jobs->handle("mail", [&](const Poco::Dynamic::Var& payload) {
        std::lock_guard<std::mutex> lock(mutex);
        const auto message = payload.extract<Poco::JSON::Object::Ptr>();
        seen = message->getValue<std::string>("to") + "/" + message->getValue<std::string>("attempt");
    });
    Poco::JSON::Object::Ptr message = new Poco::JSON::Object;
    message->set("to", "guest@example.com");
    message->set("attempt", 1);
    jobs->enqueue("mail", message);
    message->set("to", "changed@example.com"); // after enqueue: the job must not see it

    jobs->start();
    CPPUNIT_ASSERT(eventually([&] { return jobs->stats()["mail"].completed == 1; }));
    {
        std::lock_guard<std::mutex> lock(mutex);
        CPPUNIT_ASSERT_EQUAL(std::string("guest@example.com/1"), seen);
    }
    const auto stats = jobs->stats()["mail"];
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), stats.queued);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), stats.failed);
}

void JobEngineContract::testDelayedJobRunsAfterItsDelay() {
    RecordingLogger log;
    auto jobs = makeEngine(1, log.logger);
    std::atomic<bool> ran{false};
    jobs->handle("reminders", [&](const Poco::Dynamic::Var&) { ran = true; });
    jobs->start();
    const auto enqueuedAt = std::chrono::steady_clock::now();
    sdk::JobOptions options;
    options.delay = milliseconds(200);
    jobs->enqueue("reminders", "wake up", options);

    if (!delaysFollowTheClock()) {
        CPPUNIT_ASSERT(eventually([&] { return ran.load(); }));
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - enqueuedAt >= milliseconds(200));
        return;
    }
    passTime(milliseconds(199));
    std::this_thread::sleep_for(milliseconds(20)); // time for a wrong early run to show
    CPPUNIT_ASSERT(!ran.load());
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), jobs->stats()["reminders"].queued);
    passTime(milliseconds(1));
    CPPUNIT_ASSERT(eventually([&] { return ran.load(); }));
}

void JobEngineContract::testFailedJobIsRetried() {
    RecordingLogger log;
    auto jobs = makeEngine(2, log.logger);
    std::atomic<int> calls{0};
    jobs->handle("flaky", [&](const Poco::Dynamic::Var&) {
        if (++calls < 3) throw std::runtime_error("smtp unavailable");
    });
    jobs->start();
    jobs->enqueue("flaky", "payload");

    CPPUNIT_ASSERT(eventuallyPassing(milliseconds(5), [&] { return jobs->stats()["flaky"].completed == 1; }));
    const auto stats = jobs->stats()["flaky"];
    CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), stats.failed);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), stats.dead);
    CPPUNIT_ASSERT_EQUAL(3, calls.load());
    CPPUNIT_ASSERT(jobs->deadLetters("flaky").empty());
    CPPUNIT_ASSERT(anyMessageContains(log, "smtp unavailable"));
}

void JobEngineContract::testJobGoesToDeadLettersAfterMaxAttempts() {
    RecordingLogger log;
    auto jobs = makeEngine(2, log.logger);
    std::atomic<int> calls{0};
    jobs->handle("doomed", [&](const Poco::Dynamic::Var&) {
        ++calls;
        throw std::runtime_error("bad address");
    });
    jobs->start();
    Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
    payload->set("id", 7);
    jobs->enqueue("doomed", payload, attempts(3));

    CPPUNIT_ASSERT(eventuallyPassing(milliseconds(5), [&] { return jobs->stats()["doomed"].dead == 1; }));
    const auto dead = jobs->deadLetters("doomed");
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), dead.size());
    CPPUNIT_ASSERT_EQUAL(std::string("{\"id\":7}"), dead[0].payload);
    CPPUNIT_ASSERT_EQUAL(3, dead[0].attempts);
    CPPUNIT_ASSERT_EQUAL(std::string("bad address"), dead[0].error);
    const auto stats = jobs->stats()["doomed"];
    CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), stats.failed);
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), stats.queued);
    CPPUNIT_ASSERT_EQUAL(3, calls.load());
}

void JobEngineContract::testWorkerPoolIsBounded() {
    RecordingLogger log;
    auto jobs = makeEngine(2, log.logger);
    Turnstile turnstile;
    jobs->handle("bulk", [&](const Poco::Dynamic::Var&) { turnstile.pass(); });
    jobs->start();
    for (int job = 0; job < 6; ++job) jobs->enqueue("bulk", job);

    CPPUNIT_ASSERT(eventually([&] { return turnstile.inside() == 2; }));
    const auto busy = jobs->stats()["bulk"];
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), busy.running);
    CPPUNIT_ASSERT_EQUAL(std::size_t(4), busy.queued);
    turnstile.open();
    CPPUNIT_ASSERT(eventually([&] { return jobs->stats()["bulk"].completed == 6; }));
    CPPUNIT_ASSERT_EQUAL(2, turnstile.mostInside());
}

void JobEngineContract::testRejectsBadRegistrations() {
    RecordingLogger log;
    auto jobs = makeEngine(1, log.logger);
    const auto noop = [] {};
    jobs->every("cleanup", milliseconds(1000), noop);
    CPPUNIT_ASSERT_THROW(jobs->every("cleanup", milliseconds(1000), noop), std::logic_error);
    CPPUNIT_ASSERT_THROW(jobs->cron("cleanup", "* * * * *", noop), std::logic_error);
    CPPUNIT_ASSERT_THROW(jobs->every("fast", milliseconds(0), noop), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(jobs->every("", milliseconds(10), noop), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(jobs->every("empty", milliseconds(10), nullptr), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(jobs->cron("nightly", "0 3 * *", noop), std::invalid_argument);
    jobs->cron("nightly", "0 3 * * *", noop);

    const auto handler = [](const Poco::Dynamic::Var&) {};
    jobs->handle("mail", handler);
    CPPUNIT_ASSERT_THROW(jobs->handle("mail", handler), std::logic_error);
    CPPUNIT_ASSERT_THROW(jobs->handle("", handler), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(jobs->enqueue("mail", 1, attempts(0)), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(jobs->enqueue("", 1), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(makeEngineWithoutWorkers(log.logger), std::invalid_argument);
}

void JobEngineContract::testStartsOnceAndNeverAfterStop() {
    RecordingLogger log;
    auto jobs = makeEngine(1, log.logger);
    jobs->start();
    CPPUNIT_ASSERT_THROW(jobs->start(), std::logic_error);
    jobs->stop(milliseconds(1000));
    jobs->stop(milliseconds(10)); // a second stop is harmless
    CPPUNIT_ASSERT_THROW(jobs->start(), std::logic_error);
}

} // namespace motel::host::test
