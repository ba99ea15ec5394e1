#pragma once
// What the host needs from a job engine beyond what plugins see.

#include <motel/sdk/Jobs.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace motel::host {

/// A sdk::Jobs the host can run: start and stop it, read its figures for the
/// metrics plugin and inspect dead letters. InProcessJobs is one; RedisJobs is
/// the other, chosen at start by `redis.url`, so
/// the host holds a std::unique_ptr<JobEngine> and never names either.
class JobEngine : public sdk::Jobs {
public:
    /// Figures per queue.
    struct QueueStats {
        std::size_t queued = 0; ///< waiting: due, delayed or awaiting a retry
        std::size_t running = 0;
        std::uint64_t completed = 0;
        std::uint64_t failed = 0; ///< failed attempts, retried or not
        std::uint64_t dead = 0;   ///< jobs moved to the dead-letter list
    };
    /// Figures per scheduled job (every()/cron()), this host's runs only.
    struct ScheduleStats {
        std::uint64_t runs = 0;     ///< ticks this host ran
        std::uint64_t failures = 0; ///< of those, runs that threw
        std::uint64_t skipped = 0;  ///< ticks not run: the previous run was still going
        std::uint64_t late = 0;     ///< ticks run after their time: Redis was unreachable then
    };
    /// A job that failed `maxAttempts` times.
    struct DeadLetter {
        std::string payload; ///< as JSON text
        int attempts = 0;
        std::string error; ///< what the last attempt threw
    };

    /// Start running jobs (after the plugins registered theirs). Once only.
    virtual void start() = 0;
    /// Stop taking work and wait up to `grace` for running jobs. Never throws.
    virtual void stop(std::chrono::milliseconds grace) noexcept = 0;
    /// Figures for every queue that has a handler or has seen a job.
    virtual std::map<std::string, QueueStats> stats() const = 0;
    /// Figures for every registered scheduled job.
    virtual std::map<std::string, ScheduleStats> scheduleStats() const = 0;
    /// Jobs of `queue` that exhausted their attempts, oldest first.
    virtual std::vector<DeadLetter> deadLetters(const std::string& queue) const = 0;
};

} // namespace motel::host
