#include "socketio/RoomIndex.h"

namespace motel::realtime {

void RoomIndex::join(const std::string& nsp, const std::string& room, SocketIoSocket* socket, EngineSession* session) {
    Room& members = rooms_[key(nsp, room)];
    if (!members.positions.emplace(socket, members.members.size()).second) return;
    members.members.push_back(Member{socket, session});
}

void RoomIndex::leave(const std::string& nsp, const std::string& room, SocketIoSocket* socket) {
    const auto found = rooms_.find(key(nsp, room));
    if (found == rooms_.end()) return;
    Room& members = found->second;
    const auto position = members.positions.find(socket);
    if (position == members.positions.end()) return;
    // The last member takes the leaver's place: the array stays dense.
    const std::size_t at = position->second;
    members.positions.erase(position);
    if (at + 1 != members.members.size()) {
        members.members[at] = members.members.back();
        members.positions[members.members[at].socket] = at;
    }
    members.members.pop_back();
    if (members.members.empty()) rooms_.erase(found);
}

std::size_t RoomIndex::size(const std::string& nsp, const std::string& room) const {
    const auto found = rooms_.find(key(nsp, room));
    return found == rooms_.end() ? 0 : found->second.members.size();
}

} // namespace motel::realtime
