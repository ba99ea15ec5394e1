#include "http/ConnectionDeadline.h"

namespace motel::host {

void ConnectionDeadline::set(Clock::time_point deadline) {
    _deadline = deadline;
    if (deadline == Clock::time_point::max()) return; // an armed timer finds nothing to do
    if (_armed && _timer.when <= deadline) return;    // it fires early once and re-arms
    if (_armed) _loop.cancel(_timer);
    _timer = _loop.runAt(deadline, _onTimer);
    _armed = true;
}

bool ConnectionDeadline::reached() {
    _armed = false;
    if (_deadline == Clock::time_point::max()) return false;
    if (Clock::now() < _deadline) {
        set(_deadline);
        return false;
    }
    return true;
}

void ConnectionDeadline::cancel() {
    if (_armed) _loop.cancel(_timer);
    _armed = false;
    _deadline = Clock::time_point::max();
}

} // namespace motel::host
