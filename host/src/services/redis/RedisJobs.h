#pragma once
// The Redis-backed engine behind sdk::Jobs (used when `redis.url` is set).

#include "services/DeadlineClock.h"
#include "services/JobEngine.h"
#include "services/redis/RedisConnection.h"
#include "services/redis/RedisUrl.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace Poco {
class Logger;
}

namespace motel::host {

/// Jobs shared by every host on one Redis, with the semantics of
/// InProcessJobs plus durability: a queued job survives the host (and a
/// Redis restart with AOF), a scheduled tick runs on exactly one host.
///
/// Why a stream with a consumer group (RedisQueueStore) rather than lists
/// moved with BLMOVE to a processing list: XREADGROUP hands out a job and
/// records the lease (owner, delivery time) in one atomic, blocking step;
/// XCLAIM ... JUSTID renews a lease (the heartbeat of long handlers) and
/// XAUTOCLAIM finds leases idle past the visibility timeout, all per job.
/// With lists, the lease would be a second key written after the move (a
/// crash in between strands the job) or a per-host list whose jobs all wait
/// for the host's heartbeat to expire. Acknowledge, fail, retry and
/// reclaim are Lua scripts, so no crash can leave a job in two places.
///
/// Threads: one fetcher (XREADGROUP BLOCK across the handled queues, only
/// as many jobs as there are idle workers), `workers` workers (handlers and
/// scheduled jobs, never on HTTP threads), one control thread (heartbeats,
/// lease renewals, scheduled ticks, promotion of due delayed jobs and
/// retries, reclaiming expired leases, replaying the JobOutbox). Each owns
/// its connection; callers of enqueue(), stats() and deadLetters() share a
/// small pool.
///
/// Redis unreachable: every connection reconnects with exponential backoff
/// (no busy loop); enqueue() and job outcomes are parked in memory
/// (JobOutbox) and written once Redis answers, so no HTTP thread waits or
/// fails; a scheduled tick that falls in the outage waits (running it
/// without the lease could run it twice) and is claimed as soon as Redis
/// answers again — on exactly one host, like any tick; of several ticks
/// missed in one outage only the latest runs. Jobs named in
/// Options::runWithoutRedis run their tick at once instead, on every host. Delivery is at least once: a job whose
/// worker died, or whose outcome could not be written before its lease expired, runs again — handlers must be
/// idempotent.
///
/// stats(): `queued` is read from Redis (all hosts; the last known figure
/// while Redis is down), `running`, `completed`, `failed` and `dead` count
/// this host's work (counters per host, summed by Prometheus).
class RedisJobs : public JobEngine {
public:
    struct Options {
        std::string keyPrefix = "motel:queue:";
        /// A leased job whose heartbeat stops for this long goes back to the queue.
        std::chrono::milliseconds visibilityTimeout{std::chrono::seconds(30)};
        /// Lifetime of a scheduled tick's lease; renewed while the job runs.
        std::chrono::milliseconds scheduleLease{std::chrono::seconds(30)};
        std::chrono::milliseconds retryBase{1000}; ///< delay before the first retry
        std::chrono::milliseconds retryCap{std::chrono::minutes(5)};
        /// Longest wait before looking for delayed jobs other hosts added.
        std::chrono::milliseconds pollInterval{1000};
        /// How long one XREADGROUP waits; bounds how long stop() waits for the fetcher.
        std::chrono::milliseconds fetchBlock{1000};
        std::size_t outboxLimit = 10000;     ///< enqueues parked while Redis is down
        std::size_t deadLetterLimit = 10000; ///< per queue, the oldest go first
        /// Scheduled jobs that run their tick without the lease when Redis
        /// cannot be asked (on every host then): only jobs whose own
        /// database guard keeps a second run from acting twice
        /// (`tasks.overdue` stamps each task it announces).
        std::set<std::string> runWithoutRedis;
        RedisConnection::Options connection;
        /// The calendar the scheduled ticks (every()/cron()) fall on. Delays,
        /// retries and leases are due on Redis's clock instead (so hosts
        /// with skewed clocks agree), reconnect backoff on the machine's.
        std::shared_ptr<DeadlineClock> clock = DeadlineClock::machine();
    };

    /// `url`: the queue's Redis (its database may be `redis.queueDb`).
    /// `instanceId`: unique per running host, names this engine's consumer
    /// and leases (defaultInstanceId()). `workers` must be positive;
    /// `logger` must outlive the engine's threads. Connects lazily.
    RedisJobs(RedisUrl url, std::string instanceId, std::size_t workers, Poco::Logger& logger);
    RedisJobs(RedisUrl url, std::string instanceId, std::size_t workers, Poco::Logger& logger, Options options);
    /// stop()s with a 5 s grace period if still running.
    ~RedisJobs() override;

    RedisJobs(const RedisJobs&) = delete;
    RedisJobs& operator=(const RedisJobs&) = delete;

    /// `<hostname>:<pid>:<random>`.
    static std::string defaultInstanceId();

    /// Once only (std::logic_error otherwise, also after stop()).
    void start() override;
    /// Stop fetching, wait up to `grace` for running jobs, give leased jobs
    /// that never started back to the queue, write what the outbox holds if
    /// Redis answers. Jobs outlasting `grace` finish in the background; if
    /// the process exits first their leases expire and they run elsewhere.
    void stop(std::chrono::milliseconds grace) noexcept override;

    /// As InProcessJobs: std::invalid_argument for an empty name or function
    /// or a non-positive interval, std::logic_error for a name in use.
    void every(const std::string& name, std::chrono::milliseconds interval, JobFn fn) override;
    void cron(const std::string& name, const std::string& expression, JobFn fn) override;
    void handle(const std::string& queue, QueueHandler handler) override;
    /// std::invalid_argument for a payload that is not JSON or maxAttempts
    /// < 1; std::runtime_error only when Redis is down and the outbox full.
    /// Works before start() and after stop() (the job waits in Redis).
    void enqueue(const std::string& queue, const Poco::Dynamic::Var& payload, sdk::JobOptions options = {}) override;

    std::map<std::string, QueueStats> stats() const override;
    std::map<std::string, ScheduleStats> scheduleStats() const override;
    /// Reads Redis; throws RedisUnavailable (a std::runtime_error) when it is down.
    std::vector<DeadLetter> deadLetters(const std::string& queue) const override;

private:
    class Engine;
    std::shared_ptr<Engine> engine_; ///< shared with the threads, which may outlive a stop()
    std::mutex lifecycleMutex_;
    std::vector<std::thread> threads_; ///< fetcher, control, then the workers
    bool started_ = false;
    bool stopped_ = false;
};

} // namespace motel::host
