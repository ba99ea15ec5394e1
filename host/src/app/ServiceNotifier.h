#pragma once
// Tells systemd (Type=notify) what the host is doing, through libsystemd's
// sd_notify(): READY=1 only once the HTTP listener accepts connections,
// RELOADING=1 / READY=1 around a SIGHUP reload, STOPPING=1 when a graceful
// stop begins. Outside systemd (NOTIFY_SOCKET unset) every call is a no-op.

#include <string>

namespace motel::host {

class ServiceNotifier {
public:
    void ready(const std::string& status) const;
    void reloading() const;
    void stopping() const;
};

} // namespace motel::host
