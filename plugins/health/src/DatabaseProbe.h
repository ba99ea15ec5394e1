#pragma once
/// Asks the database for one round trip (`SELECT 1`) with a bound on how
/// long the caller waits, for `/health` (the `database` check) and
/// `/health/ready`.
///
/// The round trip runs on one worker thread owned by the probe, never on the
/// caller's: a hung database makes probe() return "down" when its timeout
/// passes, and while that round trip is still hanging every later probe waits
/// for the same one instead of starting another, so a dead database costs one
/// thread, not one per request. Once the hung round trip returns, the next
/// probe starts a fresh one — the probe recovers by itself.

#include <motel/sdk/Health.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace motel::health {

struct ProbeOutcome {
    bool up = false;
    double responseTimeMs = 0; ///< the round trip, or how long the caller waited
    std::string problem;       ///< why it is down; empty when up
};

class DatabaseProbe {
public:
    /// `roundTrip` does one query and throws when the database did not answer.
    using RoundTrip = std::function<void()>;
    /// Hears each change between up and down, with the driver's message when
    /// it goes down (for the log; /health itself never shows it).
    using ChangeLog = std::function<void(bool up, const std::string& message)>;

    explicit DatabaseProbe(RoundTrip roundTrip, ChangeLog changeLog = {});
    /// Calls shutdown().
    ~DatabaseProbe();
    DatabaseProbe(const DatabaseProbe&) = delete;
    DatabaseProbe& operator=(const DatabaseProbe&) = delete;

    /// The outcome of a round trip that completes after this call began (or
    /// of the one already running), waiting at most `timeout`.
    ProbeOutcome probe(std::chrono::milliseconds timeout);

    /// probe() as a health check: up with `responseTime`, or down/critical
    /// with `responseTime` and `details.error`.
    sdk::HealthResult check(std::chrono::milliseconds timeout);

    /// Stops the worker (waits for a running round trip). Later probes answer
    /// down. Idempotent; does not throw.
    void shutdown() noexcept;

private:
    void work();
    /// One round trip with its measured duration; `error` gets the driver's message.
    ProbeOutcome roundTripOnce(std::string& error) const;

    RoundTrip roundTrip_;
    ChangeLog changeLog_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::thread worker_; ///< started by the first probe
    bool stopping_ = false;
    bool requested_ = false;     ///< a round trip is wanted or running
    std::uint64_t finished_ = 0; ///< round trips completed so far
    ProbeOutcome last_;
    bool reportedUp_ = true; ///< the state last given to changeLog_ (worker thread only)
};

} // namespace motel::health
