#pragma once
// The state and thread loops behind RedisJobs (private to it).

#include "services/redis/JobOutbox.h"
#include "services/redis/JobSchedule.h"
#include "services/redis/RedisConnectionPool.h"
#include "services/redis/RedisJobs.h"
#include "services/redis/RedisQueueStore.h"
#include "services/redis/RedisScheduleLock.h"
#include "services/RetryBackoff.h"
#include "services/ScheduleFigures.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <variant>

namespace motel::host {

/// Everything the threads touch, owned jointly by the RedisJobs facade and
/// the threads (a worker still inside a job after stop() keeps it alive).
/// Guarded by `mutex`; Redis is only ever called with it released.
class RedisJobs::Engine {
public:
    using Clock = std::chrono::steady_clock;

    struct Schedule {
        Schedule(std::string name, JobFn fn, JobSchedule when)
            : name(std::move(name)), fn(std::move(fn)), when(std::move(when)) {}
        std::string name;
        JobFn fn;
        JobSchedule when;
        std::int64_t nextTickMs = 0;
        /// A tick whose claim could not reach Redis: claimed once it answers.
        std::optional<std::int64_t> waitingTickMs;
        bool running = false; ///< claimed here, queued or running
        std::string token;    ///< of the lease while running
    };
    struct ScheduledRun {
        Schedule* schedule;
    };
    using Work = std::variant<ScheduledRun, JobDelivery>;
    struct LocalFigures {
        std::size_t running = 0;
        std::uint64_t completed = 0;
        std::uint64_t failed = 0;
        std::uint64_t dead = 0;
        std::size_t lastQueued = 0; ///< from Redis, for when it is down
    };

    Engine(RedisUrl url, std::string instanceId, std::size_t workers, Poco::Logger& logger, Options options);

    void fetcherLoop();
    void workerLoop(std::size_t index);
    void controlLoop();
    void addSchedule(std::unique_ptr<Schedule> schedule);

    const RedisUrl url;
    const std::string consumer;
    const std::size_t workers;
    Poco::Logger& logger;
    const Options options;
    DeadlineClock& clock; ///< owned by `options`
    const RedisQueueStore store;
    const RedisScheduleLock locks;
    const RetryBackoff retry;
    RedisConnectionPool producers; ///< enqueue(), stats(), deadLetters(), stop()
    JobOutbox outbox;
    ScheduleFigures scheduleFigures;

    std::mutex mutex;
    std::condition_variable fetcherWake; ///< a worker became idle, a handler appeared, stopping
    std::condition_variable workReady;   ///< `ready` grew or stopping
    std::condition_variable workDone;    ///< `running` dropped
    std::condition_variable controlWake; ///< an earlier deadline, something parked, stopping
    bool started = false;
    bool stopping = false;
    std::size_t running = 0;
    std::vector<std::unique_ptr<Schedule>> schedules;
    std::map<std::string, QueueHandler> handlers;
    std::set<std::string> knownQueues;                   ///< handled or enqueued to here
    std::deque<Work> ready;                              ///< claimed here, waiting for a worker
    std::map<std::string, std::set<std::string>> leased; ///< queue -> entry ids held here
    std::map<std::string, LocalFigures> figures;
    Clock::time_point promoteAt{}; ///< next promotion of due delayed jobs

    /// Bring the next promotion forward to `at`. Call without `mutex`.
    void promoteNoLaterThan(Clock::time_point at);
    /// The calendar of the ticks (Options::clock), in ms since the epoch.
    std::int64_t wallNowMs() const;

private:
    void runScheduled(Schedule& schedule, RedisConnection& redis, std::unique_lock<std::mutex>& lock);
    void runQueued(const JobDelivery& job, RedisConnection& redis, std::unique_lock<std::mutex>& lock);
    void recordFailure(RedisConnection& redis, const JobDelivery& job, const std::string& error);
    /// Write a job's outcome now, or park it in the outbox until Redis is back.
    void record(RedisConnection& redis, std::string description, JobOutbox::Write write);

    /// Run one maintenance step; false when Redis was unreachable. Other
    /// errors are logged and count as done.
    template <class Step> bool attempt(Step&& step);
    void renewLeases(RedisConnection& redis);
    /// Claim and queue every due tick, and every tick still waiting for
    /// Redis; returns true while some tick still waits for Redis.
    bool runDueTicks(RedisConnection& redis);
    /// Promote due delayed jobs of every known queue if it is time; returns
    /// when to look again, nothing when it was not time.
    std::optional<Clock::time_point> promoteDue(RedisConnection& redis, Clock::time_point now);
    void reclaim(RedisConnection& redis);
};

} // namespace motel::host
