#pragma once
/// How many Socket.IO sockets one user may hold on this host at once
/// (`plugins.realtime.maxSocketsPerUser`): a user over it gets a CONNECT_ERROR
/// `{"message":"Too many connections for this user"}` for the new socket and
/// keeps the ones already open. One user once opened 1,000 sockets; each
/// costs memory, a room membership and a copy of every broadcast. Counted
/// per host (a user spread over several hosts may hold the cap on each).
/// Thread-safe: CONNECTs arrive on every I/O loop.

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace motel::realtime {

class UserSocketLimit {
public:
    /// `perUser` 0: no cap.
    explicit UserSocketLimit(std::size_t perUser) : perUser_(perUser) {}

    /// Counts a socket of `userId`; false (nothing counted) when the user
    /// already holds the cap. Anonymous sockets (userId 0) are not counted.
    bool tryAcquire(std::int64_t userId);
    /// A socket counted by tryAcquire closed.
    void release(std::int64_t userId);
    std::size_t socketsOf(std::int64_t userId) const;

    static constexpr const char* kRefusal = R"({"message":"Too many connections for this user"})";

private:
    const std::size_t perUser_;
    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, std::size_t> sockets_;
};

} // namespace motel::realtime
