#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <sys/types.h>

namespace motel::host {

/// Counts the HTTP server's connections per client (peer) address so that one
/// address cannot hold them all: a client over `perAddress` gets a 429 on its
/// new connection while everyone else is served, instead of the whole server
/// reaching `maxConnections` and resetting newcomers.
///
/// A connection a plugin took over (a WebSocket) keeps counting against its
/// address after the hand-over. The server cannot see when the plugin closes
/// that socket, so it remembers the descriptor with the socket's inode and,
/// when the address reaches its cap, forgets those whose descriptor no longer
/// names that socket (closed, or reused for another one). Thread-safe.
class ConnectionLimiter {
public:
    /// `perAddress` 0: no per-address cap (counting is skipped too).
    explicit ConnectionLimiter(std::size_t perAddress) : perAddress_(perAddress) {}

    /// Counts a new connection from `address`; false (and nothing counted)
    /// when the address already holds `perAddress` live connections.
    bool admit(const std::string& address);
    /// A counted connection from `address` closed.
    void closed(const std::string& address);
    /// A counted connection from `address` was handed over as `fd`: it keeps
    /// counting until that socket is closed.
    void handedOver(const std::string& address, int fd);

    /// Live connections counted for `address` (handed-over ones included until
    /// found closed).
    std::size_t count(const std::string& address) const;
    std::size_t perAddress() const { return perAddress_; }

private:
    struct HandedOver {
        int fd;
        dev_t device;
        ino_t inode;
    };
    struct Entry {
        std::size_t open = 0; ///< served by the HTTP server now
        std::vector<HandedOver> handedOver;
    };

    /// Drops handed-over sockets of `entry` that are closed. Lock held.
    static void forgetClosed(Entry& entry);

    const std::size_t perAddress_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> byAddress_;
};

} // namespace motel::host
