#pragma once
// Writes to Redis held back while Redis is unreachable.

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace Poco {
class Logger;
}

namespace motel::host {

class RedisConnection;

/// Where RedisJobs parks what it could not write because Redis was down:
/// the outcome of a job that already ran (acknowledge, retry, dead-letter)
/// and jobs enqueued meanwhile, so callers on HTTP threads never wait for
/// Redis and never see it fail. The engine replays the outbox, outcomes
/// first, as soon as Redis answers again. Held in memory: it survives a
/// Redis outage, not a crash of this host during one (the outcomes are then
/// redone: the leases expire and the jobs run again). Enqueues are bounded;
/// outcomes cannot exceed the jobs this host had leased. Thread-safe.
class JobOutbox {
public:
    using Write = std::function<void(RedisConnection&)>;

    /// `enqueueLimit` bounds the parked enqueues. `logger` must outlive it.
    JobOutbox(std::size_t enqueueLimit, Poco::Logger& logger);

    /// Park an enqueue for `queue`; false when the outbox is full.
    bool addEnqueue(const std::string& queue, std::string description, Write write);
    /// Park the outcome of a job that ran; never refused.
    void addOutcome(std::string description, Write write);

    /// Replay in order, outcomes first, until Redis fails again (the rest
    /// stay parked). A write Redis rejects (an error reply) is dropped and
    /// logged. Returns false when Redis was unreachable.
    bool flush(RedisConnection& redis);

    std::size_t size() const;
    std::size_t enqueuesFor(const std::string& queue) const;

private:
    struct Parked {
        std::string queue; ///< empty for outcomes
        std::string description;
        Write write;
    };

    /// Take the next write (outcomes first); false when empty.
    bool takeNext(Parked& next);
    void putBack(Parked parked);

    const std::size_t enqueueLimit_;
    Poco::Logger& logger_;
    mutable std::mutex mutex_;
    std::deque<Parked> outcomes_;
    std::deque<Parked> enqueues_;
    std::map<std::string, std::size_t> enqueuesPerQueue_;
};

} // namespace motel::host
