#pragma once
// The time the host's worker threads wait on: the job engines (ticks,
// delays, retries, stop()'s grace) and the health checks' timeouts read the
// time and wait for their deadlines only through a DeadlineClock, so a test
// moves time by hand (tests/host/services/ManualDeadlineClock.h) instead of
// sleeping across a limit.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace motel::host {

class DeadlineClock {
public:
    using Steady = std::chrono::steady_clock;
    using Wall = std::chrono::system_clock;

    virtual ~DeadlineClock() = default;

    virtual Steady::time_point now() const = 0;
    /// Calendar time, for cron expressions and ticks shared between hosts.
    virtual Wall::time_point wallNow() const = 0;
    /// Wait on `condition` (`lock` held) until it is notified or `deadline`
    /// passes on this clock. May return early: callers check again.
    virtual void waitUntil(std::condition_variable& condition, std::unique_lock<std::mutex>& lock,
                           Steady::time_point deadline) const = 0;
    /// Have `wake` called whenever this clock jumps (after the jump), so
    /// waits on it look at their deadlines again. The machine's clock never
    /// jumps and drops it. `wake` may outlive what it wakes: hold weak
    /// references in it.
    virtual void onJump(std::function<void()> wake) = 0;

    /// The machine's steady and system clocks (shared, never null).
    static std::shared_ptr<DeadlineClock> machine();
};

} // namespace motel::host
