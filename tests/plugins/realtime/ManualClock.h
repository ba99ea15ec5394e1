#pragma once
// A steady clock a test moves by hand, for the IoLoop and the recovery store:
// time limits are crossed by advance(), never by sleeping.

#include <atomic>
#include <chrono>

namespace motel::realtime::test {

class ManualClock {
public:
    using Clock = std::chrono::steady_clock;

    Clock::time_point now() const { return start_ + Clock::duration(elapsed_.load()); }
    void advance(Clock::duration by) { elapsed_ += by.count(); }
    /// A callable for IoLoop::Now / MemoryRecoveryStore::Now; the clock must outlive its users.
    auto source() {
        return [this] { return now(); };
    }

private:
    const Clock::time_point start_ = Clock::now();
    std::atomic<Clock::rep> elapsed_{0};
};

} // namespace motel::realtime::test
