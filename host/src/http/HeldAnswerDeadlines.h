#pragma once

#include "http/EventLoop.h"

#include <motel/sdk/AnswerHold.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace motel::host {

/// Bounds how long an answer waits for its holds (sdk/AnswerHold.h): after
/// `bound` the answer goes anyway (AnswerHolds::expire), and each such
/// answer is counted and logged as a warning (the first, then every 100th).
///
/// One thread, started on the first watch(); every watched request has the
/// same bound, so deadlines arrive in order and a FIFO queue is enough.
/// Destruction expires whatever is still held, so no answer is lost.
class HeldAnswerDeadlines {
public:
    /// `clock`: where deadlines are read (HttpServerOptions::clock); empty,
    /// the steady clock. An injected clock is looked at every
    /// EventLoop::kInjectedClockPollMs, as the event loops do.
    explicit HeldAnswerDeadlines(std::chrono::milliseconds bound, EventLoop::TimeSource clock = {});
    ~HeldAnswerDeadlines();
    HeldAnswerDeadlines(const HeldAnswerDeadlines&) = delete;
    HeldAnswerDeadlines& operator=(const HeldAnswerDeadlines&) = delete;

    void watch(const std::shared_ptr<sdk::AnswerHolds>& holds);
    /// Answers that went out before all their holds were released.
    std::uint64_t expired() const { return expired_.load(); }

private:
    using Clock = EventLoop::Clock;
    Clock::time_point now() const { return clock_ ? clock_() : Clock::now(); }
    void run();
    void expire(const std::shared_ptr<sdk::AnswerHolds>& holds);

    const std::chrono::milliseconds bound_;
    const EventLoop::TimeSource clock_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::pair<Clock::time_point, std::weak_ptr<sdk::AnswerHolds>>> watched_;
    std::thread thread_;
    bool stopping_ = false;
    std::atomic<std::uint64_t> expired_{0};
};

} // namespace motel::host
