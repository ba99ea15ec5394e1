#pragma once
/// The recovery store of a host without Redis: every broadcast is kept for
/// `window` with its offset, sessions by pid, all in this process (one
/// mutex); entries past the window go. A client recovers on this host only.

#include "socketio/RecoveryStore.h"

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace motel::realtime {

class MemoryRecoveryStore : public RecoveryStore {
public:
    using Clock = std::chrono::steady_clock;
    /// Where the store reads the time; tests pass a clock they move by hand.
    using Now = std::function<Clock::time_point()>;

    explicit MemoryRecoveryStore(std::chrono::milliseconds window, Now now = Clock::now)
        : window_(window), now_(std::move(now)) {}

    void record(const std::string& offset, const std::string& nsp, const std::string& room,
                SharedPacket packet) override;
    void save(RecoverySession session) override;
    std::optional<RecoveredSession> restore(const RecoveryRequest& request) override;

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
        RecoverySession session;
        std::uint64_t lastSequence; ///< the last broadcast it was sent
        Clock::time_point at;
    };
    void prune(Clock::time_point now);
    /// The sequence of `offset`, `fallback` when it is empty or no longer kept.
    std::uint64_t sequenceOf(const std::string& offset, std::uint64_t fallback) const;

    const std::chrono::milliseconds window_;
    const Now now_;
    mutable std::mutex mutex_;
    std::deque<Entry> entries_;
    std::unordered_map<std::string, std::uint64_t> sequenceByOffset_;
    std::unordered_map<std::string, Saved> sessions_;
    std::uint64_t nextSequence_ = 1;
    Clock::time_point lastSessionPrune_{};
};

} // namespace motel::realtime
