#include "socketio/UserSocketLimit.h"

namespace motel::realtime {

bool UserSocketLimit::tryAcquire(std::int64_t userId) {
    if (perUser_ == 0 || userId == 0) return true;
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t& held = sockets_[userId];
    if (held >= perUser_) return false;
    ++held;
    return true;
}

void UserSocketLimit::release(std::int64_t userId) {
    if (perUser_ == 0 || userId == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = sockets_.find(userId);
    if (found == sockets_.end()) return;
    if (--found->second == 0) sockets_.erase(found);
}

std::size_t UserSocketLimit::socketsOf(std::int64_t userId) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = sockets_.find(userId);
    return found == sockets_.end() ? 0 : found->second;
}

} // namespace motel::realtime
