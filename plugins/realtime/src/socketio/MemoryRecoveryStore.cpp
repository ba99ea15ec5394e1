#include "socketio/MemoryRecoveryStore.h"

namespace motel::realtime {

void MemoryRecoveryStore::record(const std::string& offset, const std::string& nsp, const std::string& room,
                                 SharedPacket packet) {
    const auto now = now_();
    std::lock_guard<std::mutex> lock(mutex_);
    prune(now);
    const std::uint64_t sequence = nextSequence_++;
    sequenceByOffset_[offset] = sequence;
    entries_.push_back(Entry{sequence, offset, nsp, room, std::move(packet), now});
}

std::uint64_t MemoryRecoveryStore::sequenceOf(const std::string& offset, std::uint64_t fallback) const {
    if (offset.empty()) return fallback;
    const auto known = sequenceByOffset_.find(offset);
    return known == sequenceByOffset_.end() ? fallback : known->second;
}

void MemoryRecoveryStore::save(RecoverySession session) {
    const auto now = now_();
    std::lock_guard<std::mutex> lock(mutex_);
    prune(now);
    // An offset no longer kept is older than every entry: all of them are missed.
    const std::uint64_t last = session.offset.empty() ? nextSequence_ - 1 : sequenceOf(session.offset, 0);
    const std::string pid = session.pid;
    sessions_[pid] = Saved{std::move(session), last, now};
}

std::optional<RecoveredSession> MemoryRecoveryStore::restore(const RecoveryRequest& request) {
    const auto now = now_();
    std::lock_guard<std::mutex> lock(mutex_);
    prune(now);
    const auto found = sessions_.find(request.pid);
    if (found == sessions_.end()) return std::nullopt;
    const RecoverySession& owner = found->second.session;
    if (owner.nsp != request.nsp || owner.userId != request.userId) return std::nullopt; // not theirs: left alone
    Saved saved = std::move(found->second);
    sessions_.erase(found);
    std::uint64_t after = saved.lastSequence;
    if (request.offset) {
        const auto known = sequenceByOffset_.find(*request.offset);
        if (known == sequenceByOffset_.end()) return std::nullopt; // too old: the client must refetch
        after = known->second;
    }
    // Later broadcasts are still queued on the asking loop and reach the socket live.
    const std::uint64_t upTo = sequenceOf(request.upTo, 0);
    RecoveredSession recovered{std::move(saved.session), {}};
    for (const auto& entry : entries_) {
        if (entry.sequence <= after || entry.sequence > upTo || entry.nsp != recovered.session.nsp) continue;
        if (entry.room.empty() || recovered.session.rooms.count(entry.room)) recovered.missed.push_back(entry.packet);
    }
    return recovered;
}

void MemoryRecoveryStore::prune(Clock::time_point now) {
    while (!entries_.empty() && now - entries_.front().at > window_) {
        sequenceByOffset_.erase(entries_.front().offset);
        entries_.pop_front();
    }
    if (now - lastSessionPrune_ < std::chrono::seconds(1)) return; // sessions are many; once a second is enough
    lastSessionPrune_ = now;
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        if (now - it->second.at > window_)
            it = sessions_.erase(it);
        else
            ++it;
    }
}

std::size_t MemoryRecoveryStore::packetCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
}

std::size_t MemoryRecoveryStore::sessionCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sessions_.size();
}

} // namespace motel::realtime
