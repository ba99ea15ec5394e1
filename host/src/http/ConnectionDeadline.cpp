#include "http/ConnectionDeadline.h"

namespace motel::host {

void ConnectionDeadline::set(Clock::time_point deadline) {
    deadline_ = deadline;
    if (deadline == Clock::time_point::max()) return; // an armed timer finds nothing to do
    if (armed_ && timer_.when <= deadline) return;    // it fires early once and re-arms
    if (armed_) loop_.cancel(timer_);
    timer_ = loop_.runAt(deadline, onTimer_);
    armed_ = true;
}

bool ConnectionDeadline::reached() {
    armed_ = false;
    if (deadline_ == Clock::time_point::max()) return false;
    if (loop_.currentTime() < deadline_) {
        set(deadline_);
        return false;
    }
    return true;
}

void ConnectionDeadline::cancel() {
    if (armed_) loop_.cancel(timer_);
    armed_ = false;
    deadline_ = Clock::time_point::max();
}

} // namespace motel::host
