#pragma once

#include "http/EventLoop.h"

#include <functional>

namespace motel::host {

/// The one deadline of an HttpConnection (header, body, idle, write or
/// linger, whichever phase it is in) on its EventLoop. Deadlines mostly move
/// later (every request), so a single timer is armed and, when it fires early,
/// re-armed for the current deadline, instead of a cancel + insert per
/// request. Loop thread only.
class ConnectionDeadline {
public:
    using Clock = EventLoop::Clock;

    explicit ConnectionDeadline(EventLoop& loop) : loop_(loop) {}
    ConnectionDeadline(const ConnectionDeadline&) = delete;
    ConnectionDeadline& operator=(const ConnectionDeadline&) = delete;

    /// What the timer runs (it should call reached()); set before the first set().
    void onTimer(std::function<void()> callback) { onTimer_ = std::move(callback); }
    /// The new deadline; Clock::time_point::max() means none.
    void set(Clock::time_point deadline);
    Clock::time_point at() const { return deadline_; }
    /// For the timer's callback: whether the deadline has really passed. An
    /// early timer is re-armed for the current deadline.
    bool reached();
    /// No deadline and no timer any more (the connection closed).
    void cancel();

private:
    EventLoop& loop_;
    std::function<void()> onTimer_;
    Clock::time_point deadline_ = Clock::time_point::max();
    EventLoop::TimerId timer_;
    bool armed_ = false;
};

} // namespace motel::host
