#pragma once
// The signals that steer a serving host, received in one thread only:
// SIGTERM, SIGINT and SIGQUIT stop it gracefully; SIGHUP (`systemctl
// reload`) asks for a reload. block() must run before any thread starts so
// every thread inherits the mask and no signal kills the process with its
// default action behind the waiter's back.

#include <functional>

namespace motel::host {

class ControlSignals {
public:
    static void block();
    /// Calls `onReload` for each SIGHUP and returns on the first stop signal.
    static void waitForStop(const std::function<void()>& onReload);
};

} // namespace motel::host
