#pragma once
/// Connection state recovery, as the official server's
/// `connectionStateRecovery`: every broadcast is kept for `window` with its
/// offset (the last argument clients see), and a socket that drops for a
/// recoverable reason is remembered by its private id (pid). When the client
/// reconnects within the window with `{pid, offset}` in its CONNECT, it gets
/// its socket id back and the broadcasts of its rooms it missed after that
/// offset. Shared by all loops (one mutex); entries past the window go.

#include "engine/OutgoingPacket.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace motel::realtime {

class RecoveryStore {
public:
    using Clock = std::chrono::steady_clock;

    struct Session {
        std::string socketId;
        std::string pid;
        std::string nsp;
        std::set<std::string> rooms;
        std::int64_t userId = 0;
    };

    explicit RecoveryStore(std::chrono::milliseconds window) : window_(window) {}

    /// A broadcast to `room` of `nsp` ("" = every socket), sent with `offset`.
    void record(const std::string& offset, const std::string& nsp, const std::string& room, SharedPacket packet);
    /// Remembers a socket that dropped.
    void save(Session session);
    /// The session saved under `pid` (removed from the store) and the packets
    /// it missed after `offset` (or after its drop when the client had none),
    /// when it dropped less than `window` ago and `offset` is still known.
    std::optional<std::pair<Session, std::vector<SharedPacket>>> restore(const std::string& pid,
                                                                         const std::optional<std::string>& offset);
    std::size_t packetCount() const;
    std::size_t sessionCount() const;

private:
    struct Entry {
        std::uint64_t sequence;
        std::string offset;
        std::string nsp;
        std::string room;
        SharedPacket packet;
        Clock::time_point at;
    };
    struct Saved {
        Session session;
        std::uint64_t lastSequence; ///< the newest broadcast when it dropped
        Clock::time_point at;
    };
    void prune(Clock::time_point now);

    const std::chrono::milliseconds window_;
    mutable std::mutex mutex_;
    std::deque<Entry> entries_;
    std::unordered_map<std::string, std::uint64_t> sequenceByOffset_;
    std::unordered_map<std::string, Saved> sessions_;
    std::uint64_t nextSequence_ = 1;
    Clock::time_point lastSessionPrune_{};
};

} // namespace motel::realtime
