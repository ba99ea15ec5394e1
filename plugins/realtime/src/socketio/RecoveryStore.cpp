#include "socketio/RecoveryStore.h"

namespace motel::realtime {

void RecoveryStore::record(const std::string& offset, const std::string& nsp, const std::string& room,
                           SharedPacket packet) {
    const auto now = Clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    prune(now);
    const std::uint64_t sequence = nextSequence_++;
    sequenceByOffset_[offset] = sequence;
    entries_.push_back(Entry{sequence, offset, nsp, room, std::move(packet), now});
}

void RecoveryStore::save(Session session) {
    const auto now = Clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    prune(now);
    const std::string pid = session.pid;
    sessions_[pid] = Saved{std::move(session), nextSequence_ - 1, now};
}

std::optional<std::pair<RecoveryStore::Session, std::vector<SharedPacket>>>
RecoveryStore::restore(const std::string& pid, const std::optional<std::string>& offset) {
    const auto now = Clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    prune(now);
    const auto found = sessions_.find(pid);
    if (found == sessions_.end()) return std::nullopt;
    Saved saved = std::move(found->second);
    sessions_.erase(found);
    std::uint64_t after = saved.lastSequence;
    if (offset) {
        const auto known = sequenceByOffset_.find(*offset);
        if (known == sequenceByOffset_.end()) return std::nullopt; // too old: the client must refetch
        after = known->second;
    }
    std::vector<SharedPacket> missed;
    for (const auto& entry : entries_) {
        if (entry.sequence <= after || entry.nsp != saved.session.nsp) continue;
        if (entry.room.empty() || saved.session.rooms.count(entry.room)) missed.push_back(entry.packet);
    }
    return std::make_pair(std::move(saved.session), std::move(missed));
}

void RecoveryStore::prune(Clock::time_point now) {
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

std::size_t RecoveryStore::packetCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
}

std::size_t RecoveryStore::sessionCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sessions_.size();
}

} // namespace motel::realtime
