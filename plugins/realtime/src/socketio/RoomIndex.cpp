#include "socketio/RoomIndex.h"

namespace motel::realtime {

void RoomIndex::join(const std::string& nsp, const std::string& room, SocketIoSocket* socket) {
    rooms_[key(nsp, room)].insert(socket);
}

void RoomIndex::leave(const std::string& nsp, const std::string& room, SocketIoSocket* socket) {
    const auto found = rooms_.find(key(nsp, room));
    if (found == rooms_.end()) return;
    found->second.erase(socket);
    if (found->second.empty()) rooms_.erase(found);
}

std::size_t RoomIndex::size(const std::string& nsp, const std::string& room) const {
    const auto found = rooms_.find(key(nsp, room));
    return found == rooms_.end() ? 0 : found->second.size();
}

} // namespace motel::realtime
