#pragma once
// Tells systemd (Type=notify) what the host is doing: READY=1 only once the
// HTTP listener accepts connections, RELOADING=1 / READY=1 around a SIGHUP
// reload, STOPPING=1 when a graceful stop begins. Outside systemd
// (NOTIFY_SOCKET unset) every call is a no-op.
//
// The notification protocol is one datagram per message on the AF_UNIX
// socket named by NOTIFY_SOCKET (a path, or `@name` in the abstract
// namespace), documented by systemd as stable for reimplementation
// (sd_notify(3)). Speaking it here instead of linking libsystemd keeps
// libsystemd and what it pulls in (libgcrypt, libgpg-error, liblzma, libzstd,
// liblz4, libcap: ~1 MiB resident) out of every host process.

#include <string>

namespace motel::host {

class ServiceNotifier {
public:
    /// Notifies the socket named by NOTIFY_SOCKET, read now.
    ServiceNotifier();
    /// Notifies `socketAddress` (a path or `@abstract`; empty: no-op).
    explicit ServiceNotifier(std::string socketAddress);

    void ready(const std::string& status) const;
    void reloading() const;
    void stopping() const;

    /// Sends one message; false when there is no socket or the send failed
    /// (as with sd_notify, a failure changes nothing for the host).
    bool notify(const std::string& message) const;

private:
    std::string socketAddress_;
};

} // namespace motel::host
