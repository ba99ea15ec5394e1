#include "services/redis/RedisJobs.h"

#include "services/JobContract.h"
#include "services/JobPayload.h"
#include "services/redis/RedisError.h"
#include "services/redis/RedisJobsEngine.h"

#include <Poco/Environment.h>
#include <Poco/Logger.h>
#include <Poco/Process.h>
#include <Poco/UUIDGenerator.h>

#include <stdexcept>

namespace motel::host {

namespace {

using Clock = std::chrono::steady_clock;

std::string newJobId() {
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

} // namespace

RedisJobs::RedisJobs(RedisUrl url, std::string instanceId, std::size_t workers, Poco::Logger& logger)
    : RedisJobs(std::move(url), std::move(instanceId), workers, logger, Options()) {}

RedisJobs::RedisJobs(RedisUrl url, std::string instanceId, std::size_t workers, Poco::Logger& logger, Options options) {
    JobContract::checkWorkers(workers);
    if (instanceId.empty()) throw std::invalid_argument("the job engine needs an instance id");
    if (options.visibilityTimeout.count() <= 0 || options.scheduleLease.count() <= 0 ||
        options.pollInterval.count() <= 0 || options.fetchBlock.count() <= 0)
        throw std::invalid_argument("job engine timeouts and intervals must be positive");
    engine_ = std::make_shared<Engine>(std::move(url), std::move(instanceId), workers, logger, options);
    threads_.resize(workers + 2); // fetcher, control, workers: created by start()
    // A calendar that jumps makes the control thread look at the ticks again.
    engine_->clock.onJump([weak = std::weak_ptr<Engine>(engine_)] {
        const auto engine = weak.lock();
        if (!engine) return;
        std::lock_guard<std::mutex> lock(engine->mutex);
        engine->controlWake.notify_all();
    });
}

RedisJobs::~RedisJobs() {
    stop(std::chrono::seconds(5));
}

std::string RedisJobs::defaultInstanceId() {
    std::string host = "host";
    try {
        host = Poco::Environment::nodeName();
    } catch (...) {
        // keep the placeholder
    }
    return host + ":" + std::to_string(Poco::Process::id()) + ":" + newJobId().substr(0, 8);
}

void RedisJobs::start() {
    std::lock_guard<std::mutex> lifecycle(lifecycleMutex_);
    JobContract::checkCanStart(started_, stopped_);
    {
        std::lock_guard<std::mutex> lock(engine_->mutex);
        const auto now = engine_->wallNowMs();
        for (const auto& schedule : engine_->schedules) schedule->nextTickMs = schedule->when.nextTick(now);
        engine_->started = true;
    }
    started_ = true;
    const auto engine = engine_;
    threads_[0] = std::thread([engine] { engine->fetcherLoop(); });
    threads_[1] = std::thread([engine] { engine->controlLoop(); });
    for (std::size_t worker = 2; worker < threads_.size(); ++worker)
        threads_[worker] = std::thread([engine, worker] { engine->workerLoop(worker - 1); });
}

void RedisJobs::stop(std::chrono::milliseconds grace) noexcept {
    std::lock_guard<std::mutex> lifecycle(lifecycleMutex_);
    if (stopped_) return;
    stopped_ = true;
    auto& engine = *engine_;
    bool finished = true;
    {
        std::unique_lock<std::mutex> lock(engine.mutex);
        engine.stopping = true;
        engine.fetcherWake.notify_all();
        engine.workReady.notify_all();
        engine.controlWake.notify_all();
        finished = engine.workDone.wait_for(lock, grace, [&engine] { return engine.running == 0; });
    }
    for (std::size_t index = 0; index < threads_.size(); ++index) {
        auto& thread = threads_[index];
        if (!thread.joinable()) continue;
        // A worker still inside a job cannot be joined without waiting for
        // it; it owns a share of the engine, so it may finish later.
        if (finished || index < 2)
            thread.join();
        else
            thread.detach();
    }
    if (!finished)
        engine.logger.warning("Job engine stopped while jobs were still running; they finish in the background");

    // The fetcher has exited: what it leased but no worker started goes back.
    std::deque<Engine::Work> unstarted;
    std::vector<std::string> handled;
    {
        std::lock_guard<std::mutex> lock(engine.mutex);
        unstarted.swap(engine.ready);
        for (const auto& [queue, handler] : engine.handlers) handled.push_back(queue);
    }
    std::size_t notReturned = 0;
    for (const auto& work : unstarted) {
        try {
            engine.producers.with([&](RedisConnection& redis) {
                if (const auto* job = std::get_if<JobDelivery>(&work))
                    engine.store.giveBack(redis, *job);
                else if (const auto* run = std::get_if<Engine::ScheduledRun>(&work))
                    engine.locks.release(redis, run->schedule->name, run->schedule->token);
            });
        } catch (...) {
            ++notReturned;
        }
    }
    if (notReturned > 0)
        engine.logger.warning("Job engine stopped with %s leased job(s) not handed back; their leases expire",
                              std::to_string(notReturned));
    try {
        engine.producers.with([&](RedisConnection& redis) {
            engine.outbox.flush(redis);
            if (finished)
                for (const auto& queue : handled) engine.store.forgetConsumer(redis, engine.consumer, queue);
        });
    } catch (...) {
        // Redis unreachable: reported below.
    }
    if (const auto parked = engine.outbox.size())
        engine.logger.warning("Job engine stopped with %s change(s) not written to Redis (unreachable): enqueued "
                              "jobs among them are lost, finished ones will run again",
                              std::to_string(parked));
}

void RedisJobs::every(const std::string& name, std::chrono::milliseconds interval, JobFn fn) {
    JobContract::checkInterval(name, interval);
    engine_->addSchedule(std::make_unique<Engine::Schedule>(name, std::move(fn), JobSchedule::every(interval)));
}

void RedisJobs::cron(const std::string& name, const std::string& expression, JobFn fn) {
    engine_->addSchedule(std::make_unique<Engine::Schedule>(name, std::move(fn), JobSchedule::cron(expression)));
}

void RedisJobs::handle(const std::string& queue, QueueHandler handler) {
    JobContract::checkHandler(queue, handler);
    std::lock_guard<std::mutex> lock(engine_->mutex);
    if (!engine_->handlers.emplace(queue, std::move(handler)).second)
        throw std::logic_error(JobContract::alreadyHandled(queue));
    engine_->knownQueues.insert(queue);
    engine_->figures[queue]; // the queue shows up in stats() from now on
    engine_->fetcherWake.notify_one();
    engine_->controlWake.notify_one();
}

void RedisJobs::enqueue(const std::string& queue, const Poco::Dynamic::Var& payload, sdk::JobOptions options) {
    JobContract::checkEnqueue(queue, options);
    const auto json = JobPayload::toJson(payload);
    const auto delay = std::max(options.delay, std::chrono::milliseconds(0));
    const auto due = Clock::now() + delay;
    const auto id = newJobId();
    const int maxAttempts = options.maxAttempts;
    auto& engine = *engine_;
    bool stopped = false;
    {
        std::lock_guard<std::mutex> lock(engine.mutex);
        stopped = engine.stopping;
        if (engine.knownQueues.insert(queue).second) engine.figures[queue];
    }
    if (delay.count() > 0) engine.promoteNoLaterThan(due);
    // Parked, the delay still counts from now.
    auto write = [&engine, queue, id, json, maxAttempts, due](RedisConnection& redis) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(due - Clock::now());
        engine.store.enqueue(redis, queue, id, json, maxAttempts, std::max(left, std::chrono::milliseconds(0)));
    };
    try {
        engine.producers.with(write);
        return;
    } catch (const RedisUnavailable&) {
        // parked below
    }
    if (stopped) {
        engine.logger.warning("Job for queue '%s' dropped: Redis is unreachable and the job engine has stopped", queue);
        return;
    }
    if (!engine.outbox.addEnqueue(queue, "enqueue a job on queue '" + queue + "'", write))
        throw std::runtime_error("cannot queue a job on '" + queue +
                                 "': Redis is unreachable and the local backlog is full");
    engine.controlWake.notify_one();
}

std::map<std::string, RedisJobs::QueueStats> RedisJobs::stats() const {
    auto& engine = *engine_;
    std::map<std::string, Engine::LocalFigures> figures;
    std::map<std::string, std::size_t> waitingHere;
    {
        std::lock_guard<std::mutex> lock(engine.mutex);
        figures = engine.figures;
        for (const auto& work : engine.ready)
            if (const auto* job = std::get_if<JobDelivery>(&work)) ++waitingHere[job->queue];
    }
    std::map<std::string, QueueStats> result;
    for (const auto& [queue, figure] : figures) {
        std::size_t queued = figure.lastQueued;
        try {
            const auto counts =
                engine.producers.with([&](RedisConnection& redis) { return engine.store.counts(redis, queue); });
            queued = counts.waiting + counts.delayed;
            std::lock_guard<std::mutex> lock(engine.mutex);
            engine.figures[queue].lastQueued = queued;
        } catch (const std::exception&) {
            // Redis unreachable: the last figure read
        }
        auto& stats = result[queue];
        stats.queued = queued + waitingHere[queue] + engine.outbox.enqueuesFor(queue);
        stats.running = figure.running;
        stats.completed = figure.completed;
        stats.failed = figure.failed;
        stats.dead = figure.dead;
    }
    return result;
}

std::map<std::string, RedisJobs::ScheduleStats> RedisJobs::scheduleStats() const {
    return engine_->scheduleFigures.snapshot();
}

std::vector<RedisJobs::DeadLetter> RedisJobs::deadLetters(const std::string& queue) const {
    return engine_->producers.with(
        [this, &queue](RedisConnection& redis) { return engine_->store.deadLetters(redis, queue); });
}

} // namespace motel::host
