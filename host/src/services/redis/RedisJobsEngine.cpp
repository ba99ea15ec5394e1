#include "services/redis/RedisJobsEngine.h"

#include "services/ExceptionText.h"
#include "services/JobContract.h"
#include "services/JobPayload.h"
#include "services/redis/RedisError.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <stdexcept>

namespace motel::host {

namespace {

using JobContract::runCatching;
using std::chrono::milliseconds;

} // namespace

RedisJobs::Engine::Engine(RedisUrl url, std::string instanceId, std::size_t workers, Poco::Logger& logger,
                          Options options)
    : url(std::move(url)), consumer(std::move(instanceId)), workers(workers), logger(logger), options(options),
      clock(JobContract::checkClock(this->options.clock)), store(options.keyPrefix, options.deadLetterLimit),
      locks(options.keyPrefix), retry(options.retryBase, options.retryCap),
      producers(this->url, logger, options.connection, 2, "jobs producer"), outbox(options.outboxLimit, logger) {}

// ---- fetcher ---------------------------------------------------------------

void RedisJobs::Engine::fetcherLoop() {
    RedisConnection redis(url, logger, options.connection, "jobs fetcher");
    std::set<std::string> grouped; // queues whose group exists, as far as we know
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
        const std::size_t busy = running + ready.size();
        if (handlers.empty() || busy >= workers) {
            fetcherWake.wait(lock);
            continue;
        }
        std::vector<std::string> queues;
        for (const auto& [queue, handler] : handlers) queues.push_back(queue);
        lock.unlock();
        std::vector<JobDelivery> jobs;
        std::optional<Clock::time_point> pauseUntil;
        try {
            for (const auto& queue : queues)
                if (grouped.count(queue) == 0) {
                    store.ensureGroup(redis, queue);
                    grouped.insert(queue);
                }
            // Only as many as there are idle workers (per queue: a few more
            // may arrive; they wait here, their leases renewed).
            jobs = store.fetch(redis, consumer, queues, workers - busy, options.fetchBlock);
        } catch (const RedisUnavailable&) {
            grouped.clear(); // a restarted Redis may have lost them
            pauseUntil = redis.retryAt();
        } catch (const RedisCommandError& error) {
            grouped.clear();
            if (!error.is("NOGROUP")) {
                logger.error("Fetching jobs failed: %s", std::string(error.what()));
                pauseUntil = Clock::now() + options.pollInterval;
            }
        }
        lock.lock();
        for (auto& job : jobs) {
            leased[job.queue].insert(job.entryId);
            ready.emplace_back(std::move(job));
            workReady.notify_one();
        }
        if (pauseUntil) fetcherWake.wait_until(lock, *pauseUntil, [this] { return stopping; });
    }
}

// ---- workers ---------------------------------------------------------------

void RedisJobs::Engine::workerLoop(std::size_t index) {
    RedisConnection redis(url, logger, options.connection, "jobs worker " + std::to_string(index));
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
        workReady.wait(lock, [this] { return stopping || !ready.empty(); });
        if (stopping) return;
        Work work = std::move(ready.front());
        ready.pop_front();
        ++running;
        if (auto* run = std::get_if<ScheduledRun>(&work))
            runScheduled(*run->schedule, redis, lock);
        else
            runQueued(std::get<JobDelivery>(work), redis, lock);
        --running;
        workDone.notify_all();
        fetcherWake.notify_one();
    }
}

void RedisJobs::Engine::runScheduled(Schedule& schedule, RedisConnection& redis, std::unique_lock<std::mutex>& lock) {
    const JobFn fn = schedule.fn;
    const std::string token = schedule.token;
    lock.unlock();
    const auto error = runCatching(fn);
    if (error) logger.error("Scheduled job '%s' failed: %s", schedule.name, *error);
    scheduleFigures.ran(schedule.name, error.has_value());
    // Parked like a job's outcome when Redis is unreachable, and written as
    // soon as it answers again: otherwise the lease (restored by Redis from
    // its append-only file) kept every host from running this schedule for
    // up to scheduleLease after the outage. Releasing is compare-and-delete,
    // so a late release never frees a lease another host took meanwhile.
    const std::string name = schedule.name;
    if (!token.empty())
        record(redis, "release the lease of scheduled job '" + name + "'",
               [this, name, token](RedisConnection& connection) { locks.release(connection, name, token); });
    lock.lock();
    schedule.running = false;
    schedule.token.clear();
}

void RedisJobs::Engine::runQueued(const JobDelivery& job, RedisConnection& redis, std::unique_lock<std::mutex>& lock) {
    ++figures[job.queue].running;
    const QueueHandler handler = handlers.at(job.queue);
    lock.unlock();
    const auto error = runCatching([&] { handler(JobPayload::fromJson(job.payload)); });
    if (!error)
        record(redis, "acknowledge a job of queue '" + job.queue + "'", [this, job](RedisConnection& connection) {
            if (!store.acknowledge(connection, job))
                logger.warning("A job of queue '%s' finished after its lease expired; it runs again", job.queue);
        });
    else
        recordFailure(redis, job, *error);
    lock.lock();
    auto& figure = figures[job.queue];
    --figure.running;
    leased[job.queue].erase(job.entryId);
    if (!error) {
        ++figure.completed;
        return;
    }
    ++figure.failed;
    if (job.attempts + 1 >= job.maxAttempts) ++figure.dead;
}

void RedisJobs::Engine::recordFailure(RedisConnection& redis, const JobDelivery& job, const std::string& error) {
    const int attempts = job.attempts + 1;
    const auto retryIn = retry.delayAfter(attempts);
    if (attempts >= job.maxAttempts)
        logger.error("Job on queue '%s' failed for good after %d attempts: %s", job.queue, attempts, error);
    else
        logger.warning("Job on queue '%s' failed (attempt %d of %d), retrying in %s ms: %s", job.queue, attempts,
                       job.maxAttempts, std::to_string(retryIn.count()), error);
    record(redis, "record a failed job of queue '" + job.queue + "'",
           [this, job, error, retryIn](RedisConnection& connection) {
               if (store.fail(connection, job, error, retryIn) == RedisQueueStore::FailOutcome::leaseLost)
                   logger.warning("A failed job of queue '%s' had lost its lease; it runs again", job.queue);
           });
    promoteNoLaterThan(Clock::now() + retryIn);
}

void RedisJobs::Engine::record(RedisConnection& redis, std::string description, JobOutbox::Write write) {
    try {
        write(redis);
        return;
    } catch (const RedisUnavailable&) {
        // parked below
    } catch (...) {
        logger.error("Could not %s: %s", description, describeCurrentException());
        return;
    }
    outbox.addOutcome(std::move(description), std::move(write));
    controlWake.notify_one();
}

void RedisJobs::Engine::promoteNoLaterThan(Clock::time_point at) {
    std::lock_guard<std::mutex> lock(mutex);
    if (at < promoteAt) {
        promoteAt = at;
        controlWake.notify_one();
    }
}

// ---- control ---------------------------------------------------------------

void RedisJobs::Engine::controlLoop() {
    RedisConnection redis(url, logger, options.connection, "jobs control");
    const auto heartbeatEvery =
        std::max(milliseconds(1), std::min(options.visibilityTimeout, options.scheduleLease) / 3);
    const auto reclaimEvery = std::max(milliseconds(1), options.visibilityTimeout / 2);
    auto heartbeatAt = Clock::now();
    auto reclaimAt = Clock::now();
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
        lock.unlock();
        const auto now = Clock::now();
        const auto after = [&redis, now](milliseconds interval) { return std::max(now + interval, redis.retryAt()); };
        // Outcomes parked during an outage go first: they must land before
        // this host reclaims or renews anything.
        if (!outbox.flush(redis)) {
            runDueTicks(redis); // due ticks wait for Redis
            lock.lock();
            controlWake.wait_until(lock, redis.retryAt(), [this] { return stopping; });
            continue;
        }
        if (now >= heartbeatAt)
            heartbeatAt = attempt([&] { renewLeases(redis); }) ? now + heartbeatEvery : after(heartbeatEvery);
        const bool ticksWaiting = runDueTicks(redis);
        const auto nextPromotion = promoteDue(redis, now);
        if (now >= reclaimAt) reclaimAt = attempt([&] { reclaim(redis); }) ? now + reclaimEvery : after(reclaimEvery);
        lock.lock();
        if (nextPromotion) promoteAt = std::min(promoteAt, *nextPromotion);
        auto wakeAt = std::min({heartbeatAt, reclaimAt, promoteAt});
        if (ticksWaiting) wakeAt = std::min(wakeAt, std::max(now + milliseconds(1), redis.retryAt()));
        const auto wallNow = wallNowMs();
        for (const auto& schedule : schedules)
            wakeAt = std::min(wakeAt, now + milliseconds(std::max<std::int64_t>(0, schedule->nextTickMs - wallNow)));
        if (outbox.size() == 0) controlWake.wait_until(lock, wakeAt);
    }
}

template <class Step> bool RedisJobs::Engine::attempt(Step&& step) {
    try {
        step();
    } catch (const RedisUnavailable&) {
        return false;
    } catch (...) {
        logger.error("Job engine maintenance failed: %s", describeCurrentException());
    }
    return true;
}

void RedisJobs::Engine::renewLeases(RedisConnection& redis) {
    std::map<std::string, std::vector<std::string>> entries;
    std::vector<std::pair<std::string, std::string>> scheduleLeases;
    {
        std::lock_guard<std::mutex> lock(mutex);
        for (const auto& [queue, ids] : leased)
            if (!ids.empty()) entries[queue].assign(ids.begin(), ids.end());
        for (const auto& schedule : schedules)
            if (schedule->running && !schedule->token.empty())
                scheduleLeases.emplace_back(schedule->name, schedule->token);
    }
    for (const auto& [queue, ids] : entries) {
        const auto held = store.renewLeases(redis, consumer, queue, ids);
        if (held.size() < ids.size())
            logger.warning("%s job(s) of queue '%s' lost their lease (visibility timeout); they run again",
                           std::to_string(ids.size() - held.size()), queue);
    }
    for (const auto& [name, token] : scheduleLeases)
        if (!locks.renew(redis, name, token, options.scheduleLease))
            logger.warning("Scheduled job '%s' lost its lease while running", name);
}

bool RedisJobs::Engine::runDueTicks(RedisConnection& redis) {
    bool waiting = false;
    std::unique_lock<std::mutex> lock(mutex);
    const auto wallNow = wallNowMs();
    for (const auto& schedule : schedules) {
        std::int64_t tick = 0;
        if (schedule->nextTickMs <= wallNow) {
            // A newer tick replaces one still waiting for Redis: one late
            // run makes up for the outage, not one per tick slept through.
            tick = schedule->nextTickMs;
            schedule->nextTickMs = schedule->when.nextTick(wallNow);
        } else if (schedule->waitingTickMs) {
            tick = *schedule->waitingTickMs;
        } else {
            continue;
        }
        const bool late = schedule->waitingTickMs.has_value();
        if (schedule->running) {
            logger.warning("Scheduled job '%s' skipped a run: the previous one is still running", schedule->name);
            scheduleFigures.skipped(schedule->name);
            schedule->waitingTickMs.reset();
            continue;
        }
        const std::string token = consumer + "@" + std::to_string(tick);
        lock.unlock();
        std::optional<RedisScheduleLock::Claim> claim;
        bool unreachable = false;
        try {
            claim = locks.claim(redis, schedule->name, tick, token, options.scheduleLease);
        } catch (const RedisUnavailable&) {
            unreachable = true;
        } catch (...) {
            logger.error("Scheduled job '%s' skipped a run: %s", schedule->name, describeCurrentException());
        }
        lock.lock();
        if (unreachable && options.runWithoutRedis.count(schedule->name) > 0) {
            schedule->waitingTickMs.reset();
            if (stopping) continue;
            logger.information("Scheduled job '%s' runs without its lease: Redis is unreachable, and the job's "
                               "own database guard keeps it from acting twice",
                               schedule->name);
            schedule->running = true;
            schedule->token.clear(); // no lease to renew or release
            ready.emplace_front(ScheduledRun{schedule.get()});
            workReady.notify_one();
            continue;
        }
        if (unreachable) {
            if (!late)
                logger.warning("Scheduled job '%s': Redis is unreachable; the run waits until it answers",
                               schedule->name);
            schedule->waitingTickMs = tick;
            waiting = true;
            continue;
        }
        schedule->waitingTickMs.reset();
        if (claim == RedisScheduleLock::Claim::stillRunning) {
            logger.warning("Scheduled job '%s' skipped a run: the previous one is still running on another host",
                           schedule->name);
            scheduleFigures.skipped(schedule->name);
        }
        if (claim != RedisScheduleLock::Claim::acquired || stopping) continue;
        if (late) {
            logger.information("Scheduled job '%s' runs the tick it missed while Redis was unreachable",
                               schedule->name);
            scheduleFigures.late(schedule->name);
        }
        schedule->running = true;
        schedule->token = token;
        ready.emplace_front(ScheduledRun{schedule.get()}); // ahead of queued jobs
        workReady.notify_one();
    }
    return waiting;
}

std::optional<RedisJobs::Engine::Clock::time_point> RedisJobs::Engine::promoteDue(RedisConnection& redis,
                                                                                  Clock::time_point now) {
    const std::size_t batch = 1000;
    std::vector<std::string> queues;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (now < promoteAt) return std::nullopt;
        promoteAt = Clock::time_point::max();
        queues.assign(knownQueues.begin(), knownQueues.end());
    }
    auto next = now + options.pollInterval;
    const bool reached = attempt([&] {
        for (const auto& queue : queues) {
            const auto promotion = store.promoteDue(redis, queue, batch);
            if (promotion.moved == batch)
                next = now; // more are due
            else if (promotion.nextDueIn)
                next = std::min(next, now + *promotion.nextDueIn);
        }
    });
    return reached ? next : std::max(next, redis.retryAt());
}

void RedisJobs::Engine::reclaim(RedisConnection& redis) {
    std::vector<std::string> queues;
    {
        std::lock_guard<std::mutex> lock(mutex);
        for (const auto& [queue, handler] : handlers) queues.push_back(queue);
    }
    for (const auto& queue : queues) {
        const auto reclaimed = store.reclaimExpired(redis, consumer, queue, options.visibilityTimeout, 1000);
        if (reclaimed.requeued + reclaimed.dead > 0)
            logger.warning("Queue '%s': %s job(s) of a worker that stopped responding requeued, %s dead-lettered",
                           queue, std::to_string(reclaimed.requeued), std::to_string(reclaimed.dead));
    }
}

// ---- registration ----------------------------------------------------------

std::int64_t RedisJobs::Engine::wallNowMs() const {
    return std::chrono::duration_cast<milliseconds>(clock.wallNow().time_since_epoch()).count();
}

void RedisJobs::Engine::addSchedule(std::unique_ptr<Schedule> schedule) {
    JobContract::checkSchedule(schedule->name, schedule->fn);
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& existing : schedules)
        if (existing->name == schedule->name) throw std::logic_error(JobContract::alreadyScheduled(schedule->name));
    scheduleFigures.add(schedule->name);
    if (started) {
        schedule->nextTickMs = schedule->when.nextTick(wallNowMs());
        controlWake.notify_one();
    }
    schedules.push_back(std::move(schedule));
}

} // namespace motel::host
