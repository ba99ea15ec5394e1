#pragma once
// The in-process engine behind sdk::Jobs (used when no Redis is configured).

#include "services/DeadlineClock.h"
#include "services/JobEngine.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace Poco {
class Logger;
}

namespace motel::host {

/// Runs scheduled jobs and queued jobs on a fixed pool of worker threads,
/// with the semantics the Redis-backed engine will have: payloads are copied
/// as JSON at enqueue, failed jobs are retried with exponential backoff
/// (base * 2^(attempt-1), capped) and moved to a dead-letter list after
/// `maxAttempts`; a scheduled job never overlaps itself (a tick that finds
/// the previous run still going is skipped). Queued jobs do not survive the
/// process.
///
/// One scheduler thread moves due work (ticks, delayed jobs, retries) to the
/// workers; every thread sleeps on a condition variable until its next
/// deadline. Jobs may be registered and enqueued before start(); nothing
/// runs until then. Thread-safe.
class InProcessJobs : public JobEngine {
public:
    struct Options {
        std::chrono::milliseconds retryBase{1000}; ///< delay before the first retry
        std::chrono::milliseconds retryCap{std::chrono::minutes(5)};
        /// What ticks, delays, retries and stop()'s grace are measured on.
        std::shared_ptr<DeadlineClock> clock = DeadlineClock::machine();
    };

    /// `workers` must be positive. `logger` must outlive the engine's threads.
    InProcessJobs(std::size_t workers, Poco::Logger& logger);
    InProcessJobs(std::size_t workers, Poco::Logger& logger, Options options);
    /// stop()s with a 5 s grace period if still running.
    ~InProcessJobs() override;

    InProcessJobs(const InProcessJobs&) = delete;
    InProcessJobs& operator=(const InProcessJobs&) = delete;

    /// Start the workers and the clocks of the scheduled jobs. Once only
    /// (std::logic_error otherwise, also after stop()).
    void start() override;
    /// Stop taking work, wait up to `grace` for running jobs, then return.
    /// Jobs still waiting are dropped (logged); threads of jobs that outlast
    /// `grace` are left to finish on their own (logged). Never throws.
    void stop(std::chrono::milliseconds grace) noexcept override;

    /// Throws std::invalid_argument for an empty name or function or a
    /// non-positive interval, std::logic_error for a name already scheduled.
    void every(const std::string& name, std::chrono::milliseconds interval, JobFn fn) override;
    /// As every(); the expression is parsed by CronExpression.
    void cron(const std::string& name, const std::string& expression, JobFn fn) override;
    /// std::logic_error when `queue` already has a handler.
    void handle(const std::string& queue, QueueHandler handler) override;
    /// std::invalid_argument when `payload` cannot be written as JSON or
    /// maxAttempts < 1. After stop() the job is dropped with a warning.
    void enqueue(const std::string& queue, const Poco::Dynamic::Var& payload, sdk::JobOptions options = {}) override;

    std::map<std::string, QueueStats> stats() const override;
    std::map<std::string, ScheduleStats> scheduleStats() const override;
    std::vector<DeadLetter> deadLetters(const std::string& queue) const override;

private:
    class Engine;
    std::shared_ptr<Engine> engine_; ///< shared with the threads, which may outlive a stop()
    std::mutex lifecycleMutex_;      ///< serialises start() and stop()
    std::vector<std::thread> threads_;
    bool started_ = false;
    bool stopped_ = false;
};

} // namespace motel::host
