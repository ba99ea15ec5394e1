#include "services/InProcessJobs.h"
#include "services/JobPayload.h"
#include "services/RetryBackoff.h"

#include "services/CronExpression.h"
#include "services/JobContract.h"
#include "services/ScheduleFigures.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Logger.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <variant>

namespace motel::host {

namespace {

using Clock = DeadlineClock::Steady;
using WallClock = DeadlineClock::Wall;
using JobContract::runCatching;

} // namespace

/// Everything the threads touch, owned jointly by the facade and the threads.
class InProcessJobs::Engine {
public:
    struct Schedule {
        std::string name;
        JobFn fn;
        std::chrono::milliseconds interval{0}; ///< for every()
        std::optional<CronExpression> cron;    ///< for cron()
        Clock::time_point due;
        WallClock::time_point cronWall; ///< the wall time `due` stands for
        bool running = false;
    };
    struct QueuedJob {
        std::string queue;
        std::string payload; ///< JSON
        int attempts = 0;    ///< made so far
        int maxAttempts = 1;
    };
    using Work = std::variant<Schedule*, QueuedJob>;

    Engine(Poco::Logger& logger, Options options)
        : logger(logger), options(options), clock(JobContract::checkClock(options.clock)),
          retry(options.retryBase, options.retryCap) {}

    Poco::Logger& logger;
    const Options options;
    DeadlineClock& clock;     ///< owned by `options`
    const RetryBackoff retry; ///< throws for bad delays, so a bad engine is never built

    std::mutex mutex;
    std::condition_variable schedulerWake; ///< new deadline or stopping
    std::condition_variable workReady;     ///< `ready` grew or stopping
    std::condition_variable workDone;      ///< `running` dropped
    bool started = false;
    bool stopping = false;
    std::size_t running = 0;
    std::vector<std::unique_ptr<Schedule>> schedules;
    std::map<std::string, QueueHandler> handlers;
    std::deque<Work> ready;
    std::multimap<Clock::time_point, QueuedJob> delayed;
    std::map<std::string, std::deque<QueuedJob>> unhandled; ///< due, but the queue has no handler yet
    std::map<std::string, QueueStats> queueStats;
    std::map<std::string, std::vector<DeadLetter>> deadLetters;
    ScheduleFigures scheduleFigures;

    /// Set the next deadline of `schedule` from now: one interval ahead, or
    /// the next matching minute of its cron expression. Call with `mutex` held.
    void arm(Schedule& schedule, Clock::time_point now) {
        if (!schedule.cron) {
            schedule.due = now + schedule.interval;
            return;
        }
        const auto wallNow = clock.wallNow();
        schedule.cronWall = schedule.cron->next(std::max(wallNow, schedule.cronWall));
        schedule.due = now + std::chrono::duration_cast<Clock::duration>(schedule.cronWall - wallNow);
    }

    /// Put a due job where a worker will find it. Call with `mutex` held.
    void makeReady(QueuedJob job) {
        if (handlers.count(job.queue) == 0) {
            unhandled[job.queue].push_back(std::move(job));
            return;
        }
        ready.emplace_back(std::move(job));
        workReady.notify_one();
    }

    /// Queue a job now or at `due`. Call with `mutex` held.
    void submit(QueuedJob job, Clock::time_point due) {
        ++queueStats[job.queue].queued;
        if (due <= clock.now()) {
            makeReady(std::move(job));
            return;
        }
        delayed.emplace(due, std::move(job));
        schedulerWake.notify_one();
    }

    void schedulerLoop() {
        std::unique_lock<std::mutex> lock(mutex);
        while (!stopping) {
            const auto now = clock.now();
            while (!delayed.empty() && delayed.begin()->first <= now) {
                makeReady(std::move(delayed.begin()->second));
                delayed.erase(delayed.begin());
            }
            std::optional<Clock::time_point> wakeAt;
            if (!delayed.empty()) wakeAt = delayed.begin()->first;
            for (const auto& schedule : schedules) {
                if (schedule->due <= now) tick(*schedule, now);
                wakeAt = wakeAt ? std::min(*wakeAt, schedule->due) : schedule->due;
            }
            if (wakeAt)
                clock.waitUntil(schedulerWake, lock, *wakeAt);
            else
                schedulerWake.wait(lock);
        }
    }

    /// A due scheduled job: run it unless its last run is still going, and
    /// set its next deadline. Call with `mutex` held.
    void tick(Schedule& schedule, Clock::time_point now) {
        if (schedule.running) {
            logger.warning("Scheduled job '%s' skipped a run: the previous one is still running", schedule.name);
            scheduleFigures.skipped(schedule.name);
        } else {
            schedule.running = true;
            ready.emplace_back(&schedule);
            workReady.notify_one();
        }
        if (schedule.cron) {
            arm(schedule, now);
        } else {
            const auto missed = (now - schedule.due) / schedule.interval + 1; // skip ticks we slept through
            schedule.due += missed * schedule.interval;
        }
    }

    void workerLoop() {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            workReady.wait(lock, [this] { return stopping || !ready.empty(); });
            if (stopping) return;
            Work work = std::move(ready.front());
            ready.pop_front();
            ++running;
            if (auto* schedule = std::get_if<Schedule*>(&work))
                runScheduled(**schedule, lock);
            else
                runQueued(std::get<QueuedJob>(work), lock);
            --running;
            workDone.notify_all();
        }
    }

    void runScheduled(Schedule& schedule, std::unique_lock<std::mutex>& lock) {
        const JobFn fn = schedule.fn;
        lock.unlock();
        const auto error = runCatching(fn);
        if (error) logger.error("Scheduled job '%s' failed: %s", schedule.name, *error);
        scheduleFigures.ran(schedule.name, error.has_value());
        lock.lock();
        schedule.running = false;
    }

    void runQueued(QueuedJob job, std::unique_lock<std::mutex>& lock) {
        auto& stats = queueStats[job.queue];
        --stats.queued;
        ++stats.running;
        const QueueHandler handler = handlers.at(job.queue);
        lock.unlock();
        const auto error = runCatching([&] { handler(JobPayload::fromJson(job.payload)); });
        lock.lock();
        --stats.running;
        ++job.attempts;
        if (!error) {
            ++stats.completed;
            return;
        }
        ++stats.failed;
        if (job.attempts >= job.maxAttempts) {
            ++stats.dead;
            logger.error("Job on queue '%s' failed for good after %d attempts: %s", job.queue, job.attempts, *error);
            deadLetters[job.queue].push_back(DeadLetter{job.payload, job.attempts, *error});
            return;
        }
        const auto delay = retry.delayAfter(job.attempts);
        logger.warning("Job on queue '%s' failed (attempt %d of %d), retrying in %s ms: %s", job.queue, job.attempts,
                       job.maxAttempts, std::to_string(delay.count()), *error);
        submit(std::move(job), clock.now() + delay);
    }

    /// Register a scheduled job (every() and cron()).
    void addSchedule(std::unique_ptr<Schedule> schedule) {
        JobContract::checkSchedule(schedule->name, schedule->fn);
        std::lock_guard<std::mutex> lock(mutex);
        for (const auto& existing : schedules)
            if (existing->name == schedule->name) throw std::logic_error(JobContract::alreadyScheduled(schedule->name));
        scheduleFigures.add(schedule->name);
        if (started) {
            arm(*schedule, clock.now());
            schedulerWake.notify_one();
        }
        schedules.push_back(std::move(schedule));
    }
};

InProcessJobs::InProcessJobs(std::size_t workers, Poco::Logger& logger) : InProcessJobs(workers, logger, Options()) {}

InProcessJobs::InProcessJobs(std::size_t workers, Poco::Logger& logger, Options options)
    : engine_(std::make_shared<Engine>(logger, options)) {
    JobContract::checkWorkers(workers);
    threads_.resize(workers + 1); // the workers and the scheduler, created by start()
    // A clock that jumps wakes the scheduler and a stop() waiting out its grace.
    engine_->clock.onJump([weak = std::weak_ptr<Engine>(engine_)] {
        const auto engine = weak.lock();
        if (!engine) return;
        std::lock_guard<std::mutex> lock(engine->mutex);
        engine->schedulerWake.notify_all();
        engine->workDone.notify_all();
    });
}

InProcessJobs::~InProcessJobs() {
    stop(std::chrono::seconds(5));
}

void InProcessJobs::start() {
    std::lock_guard<std::mutex> lifecycle(lifecycleMutex_);
    JobContract::checkCanStart(started_, stopped_);
    {
        std::lock_guard<std::mutex> lock(engine_->mutex);
        const auto now = engine_->clock.now();
        for (const auto& schedule : engine_->schedules) engine_->arm(*schedule, now);
        engine_->started = true;
    }
    started_ = true;
    const auto engine = engine_;
    threads_[0] = std::thread([engine] { engine->schedulerLoop(); });
    for (std::size_t worker = 1; worker < threads_.size(); ++worker)
        threads_[worker] = std::thread([engine] { engine->workerLoop(); });
}

void InProcessJobs::stop(std::chrono::milliseconds grace) noexcept {
    std::lock_guard<std::mutex> lifecycle(lifecycleMutex_);
    if (stopped_) return;
    stopped_ = true;
    bool finished = true;
    std::size_t dropped = 0;
    {
        std::unique_lock<std::mutex> lock(engine_->mutex);
        engine_->stopping = true;
        engine_->schedulerWake.notify_all();
        engine_->workReady.notify_all();
        const auto deadline = engine_->clock.now() + grace;
        while (engine_->running > 0 && engine_->clock.now() < deadline)
            engine_->clock.waitUntil(engine_->workDone, lock, deadline);
        finished = engine_->running == 0;
        for (const auto& [queue, stats] : engine_->queueStats) dropped += stats.queued;
    }
    if (dropped > 0)
        engine_->logger.warning("Job engine stopped with %s queued job(s) not run", std::to_string(dropped));
    if (!finished)
        engine_->logger.warning("Job engine stopped while jobs were still running; they finish in the background");
    for (auto& thread : threads_) {
        if (!thread.joinable()) continue;
        // A worker still inside a job cannot be joined without waiting for
        // it; it owns a share of the engine, so it may finish later.
        if (finished || &thread == &threads_[0])
            thread.join();
        else
            thread.detach();
    }
}

void InProcessJobs::every(const std::string& name, std::chrono::milliseconds interval, JobFn fn) {
    JobContract::checkInterval(name, interval);
    auto schedule = std::make_unique<Engine::Schedule>();
    schedule->name = name;
    schedule->fn = std::move(fn);
    schedule->interval = interval;
    engine_->addSchedule(std::move(schedule));
}

void InProcessJobs::cron(const std::string& name, const std::string& expression, JobFn fn) {
    auto schedule = std::make_unique<Engine::Schedule>();
    schedule->name = name;
    schedule->fn = std::move(fn);
    schedule->cron.emplace(expression);
    engine_->addSchedule(std::move(schedule));
}

void InProcessJobs::handle(const std::string& queue, QueueHandler handler) {
    JobContract::checkHandler(queue, handler);
    std::lock_guard<std::mutex> lock(engine_->mutex);
    if (!engine_->handlers.emplace(queue, std::move(handler)).second)
        throw std::logic_error(JobContract::alreadyHandled(queue));
    engine_->queueStats[queue]; // the queue shows up in stats() from now on
    const auto waiting = engine_->unhandled.find(queue);
    if (waiting == engine_->unhandled.end()) return;
    for (auto& job : waiting->second) engine_->makeReady(std::move(job));
    engine_->unhandled.erase(waiting);
}

void InProcessJobs::enqueue(const std::string& queue, const Poco::Dynamic::Var& payload, sdk::JobOptions options) {
    JobContract::checkEnqueue(queue, options);
    Engine::QueuedJob job{queue, JobPayload::toJson(payload), 0, options.maxAttempts};
    std::lock_guard<std::mutex> lock(engine_->mutex);
    if (engine_->stopping) {
        engine_->logger.warning("Job for queue '%s' dropped: the job engine has stopped", queue);
        return;
    }
    engine_->submit(std::move(job), engine_->clock.now() + std::max(options.delay, std::chrono::milliseconds(0)));
}

std::map<std::string, InProcessJobs::QueueStats> InProcessJobs::stats() const {
    std::lock_guard<std::mutex> lock(engine_->mutex);
    return engine_->queueStats;
}

std::map<std::string, InProcessJobs::ScheduleStats> InProcessJobs::scheduleStats() const {
    return engine_->scheduleFigures.snapshot();
}

std::vector<InProcessJobs::DeadLetter> InProcessJobs::deadLetters(const std::string& queue) const {
    std::lock_guard<std::mutex> lock(engine_->mutex);
    const auto found = engine_->deadLetters.find(queue);
    return found == engine_->deadLetters.end() ? std::vector<DeadLetter>{} : found->second;
}

} // namespace motel::host
