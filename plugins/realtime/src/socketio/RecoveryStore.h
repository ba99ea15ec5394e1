#pragma once
/// Connection state recovery, as the official server's
/// `connectionStateRecovery`: a socket that drops for a recoverable reason is
/// saved under its private id (pid) with its rooms and the offset of the last
/// broadcast it was sent. When the client reconnects within the window with
/// `{pid, offset}` in its CONNECT, it gets its socket id back and the
/// broadcasts of its rooms it missed after that offset, once.
///
/// Two stores: MemoryRecoveryStore (this host only) and, with `redis.url`,
/// RedisRecoveryStore (any host sharing the Redis). Both are called on the
/// connection's loop thread and are thread-safe.

#include "engine/OutgoingPacket.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace motel::realtime {

struct RecoverySession {
    std::string socketId;
    std::string pid;
    std::string nsp;
    std::set<std::string> rooms; ///< besides the namespace itself
    std::int64_t userId = 0;     ///< 0: anonymous
    /// The last broadcast its loop delivered before the drop ("" = none yet).
    std::string offset;
};

struct RecoveryRequest {
    std::string pid;                   ///< the client's `pid`
    std::optional<std::string> offset; ///< the client's `offset` (the last one it saw)
    /// Who asks: a session is only restored (and only consumed) for the same
    /// namespace and the same user it belonged to.
    std::string nsp;
    std::int64_t userId = 0;
    /// The last broadcast the asking loop delivered ("" = none yet): later
    /// ones reach the restored socket live, so they are not replayed.
    std::string upTo;
};

struct RecoveredSession {
    RecoverySession session;
    std::vector<SharedPacket> missed; ///< in order
};

class RecoveryStore {
public:
    virtual ~RecoveryStore() = default;
    /// A broadcast to `room` of `nsp` ("" = every socket) sent with `offset`
    /// (kept by stores that have no shared log of their own).
    virtual void record(const std::string& offset, const std::string& nsp, const std::string& room,
                        SharedPacket packet) = 0;
    /// Remembers a socket that dropped.
    virtual void save(RecoverySession session) = 0;
    /// The session and the packets it missed, when the pid names a session of
    /// the same owner saved less than a window ago and the offset is still
    /// known. Only the owner's request can use up a session (the in-process
    /// store consumes it; the Redis store keeps it until the window ends): a
    /// stranger presenting someone else's pid gets nothing and burns nothing.
    virtual std::optional<RecoveredSession> restore(const RecoveryRequest& request) = 0;
};

} // namespace motel::realtime
