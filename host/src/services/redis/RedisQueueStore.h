#pragma once
// The Redis side of the reliable job queue: keys, Lua scripts, replies.

#include "services/JobEngine.h"
#include "services/redis/RedisScript.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace motel::host {

class RedisConnection;

/// One job handed to this host: a stream entry now pending (leased) to our
/// consumer in the group until acknowledged, failed or requeued.
struct JobDelivery {
    std::string queue;
    std::string entryId; ///< the stream entry id, the handle of the lease
    std::string jobId;   ///< stays the same across retries
    std::string payload; ///< JSON
    int attempts = 0;    ///< attempts made before this delivery
    int maxAttempts = 1;
};

/// Per queue, for every job engine sharing the Redis:
///   <prefix><q>:stream   a stream with consumer group `workers`: waiting
///                        entries and, in the group's pending list, the
///                        leased ones (with their delivery time)
///   <prefix><q>:delayed  sorted set of delayed jobs and retries by due time
///                        (ms, Redis's own clock), members are JSON
///   <prefix><q>:dead     list of dead letters (JSON), oldest first, capped
/// Every state change of a job is one Lua script, so a job is always in
/// exactly one of those places, whatever crashes when. Stateless apart from
/// its configuration: share one instance between threads, pass each call the
/// connection of the calling thread.
class RedisQueueStore {
public:
    enum class FailOutcome { leaseLost, retrying, dead };
    struct Promotion {
        std::size_t moved = 0;
        std::optional<std::chrono::milliseconds> nextDueIn; ///< none left when empty
    };
    struct Reclaimed {
        std::size_t requeued = 0;
        std::size_t dead = 0;
    };
    struct Counts {
        std::size_t waiting = 0; ///< in the stream, not leased
        std::size_t leased = 0;  ///< in the stream, leased to some worker
        std::size_t delayed = 0; ///< delayed or awaiting a retry
        std::size_t dead = 0;    ///< dead letters kept
    };

    RedisQueueStore(std::string prefix, std::size_t deadLetterLimit);

    /// Create the stream and its consumer group when missing (idempotent).
    void ensureGroup(RedisConnection& redis, const std::string& queue) const;
    /// Add a job: to the stream now, or to the delayed set for `delay`.
    void enqueue(RedisConnection& redis, const std::string& queue, const std::string& jobId, const std::string& payload,
                 int maxAttempts, std::chrono::milliseconds delay) const;
    /// Lease up to `count` waiting jobs per queue to `consumer`, waiting up to
    /// `block` for one to arrive. Throws RedisCommandError (NOGROUP) when a
    /// group is missing: call ensureGroup() and retry.
    std::vector<JobDelivery> fetch(RedisConnection& redis, const std::string& consumer,
                                   const std::vector<std::string>& queues, std::size_t count,
                                   std::chrono::milliseconds block) const;
    /// The handler succeeded: drop the job. False when the lease was lost
    /// (another host reclaimed the job after the visibility timeout).
    bool acknowledge(RedisConnection& redis, const JobDelivery& job) const;
    /// The handler threw: to the delayed set for `retryIn`, or to the dead
    /// letters when this was attempt `maxAttempts`.
    FailOutcome fail(RedisConnection& redis, const JobDelivery& job, const std::string& error,
                     std::chrono::milliseconds retryIn) const;
    /// Give back a job that was leased but never started (stopping), attempts
    /// unchanged. False when the lease was already lost.
    bool giveBack(RedisConnection& redis, const JobDelivery& job) const;
    /// Reset the idle time of leases `consumer` still holds (the heartbeat);
    /// returns the entry ids it still holds.
    std::vector<std::string> renewLeases(RedisConnection& redis, const std::string& consumer, const std::string& queue,
                                         const std::vector<std::string>& entryIds) const;
    /// Move due delayed jobs to the stream.
    Promotion promoteDue(RedisConnection& redis, const std::string& queue, std::size_t limit) const;
    /// Take back leases idle for longer than `visibilityTimeout` (their
    /// worker died): each counts as a failed attempt and is requeued at once
    /// or dead-lettered.
    Reclaimed reclaimExpired(RedisConnection& redis, const std::string& consumer, const std::string& queue,
                             std::chrono::milliseconds visibilityTimeout, std::size_t limit) const;
    Counts counts(RedisConnection& redis, const std::string& queue) const;
    std::vector<JobEngine::DeadLetter> deadLetters(RedisConnection& redis, const std::string& queue) const;
    /// Remove `consumer` from the group if it holds no leases (a clean stop).
    void forgetConsumer(RedisConnection& redis, const std::string& consumer, const std::string& queue) const;

    std::string streamKey(const std::string& queue) const { return prefix_ + queue + ":stream"; }
    std::string delayedKey(const std::string& queue) const { return prefix_ + queue + ":delayed"; }
    std::string deadKey(const std::string& queue) const { return prefix_ + queue + ":dead"; }
    static const char* const group;

private:
    const std::string prefix_;
    const std::string deadLetterLimit_;
    const RedisScript enqueueDelayed_;
    const RedisScript promote_;
    const RedisScript acknowledge_;
    const RedisScript fail_;
    const RedisScript giveBack_;
    const RedisScript reclaim_;
    const RedisScript counts_;
    const RedisScript forgetConsumer_;
};

} // namespace motel::host
