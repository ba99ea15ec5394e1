#pragma once
/// Which sockets of one IoLoop are in which room. One index per loop, used
/// only on that loop's thread (a broadcast posts one task per loop), so no
/// locks. The empty room name stands for "every socket of the namespace".
/// A room keeps its members in one dense array, each with its socket's
/// Engine.IO session, so that a broadcast walks contiguous memory and reaches
/// the transport without going through the socket and its connection.

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace motel::realtime {

class EngineSession;
class SocketIoSocket;

class RoomIndex {
public:
    struct Member {
        SocketIoSocket* socket;
        EngineSession* session; ///< the socket's (SocketIoConnection::session())
    };

    /// `session` is the socket's (SocketIoConnection::session()). Neither is read here.
    void join(const std::string& nsp, const std::string& room, SocketIoSocket* socket, EngineSession* session);
    void leave(const std::string& nsp, const std::string& room, SocketIoSocket* socket);
    /// Calls `visit` for every socket of `room` in `nsp`; returns how many.
    template <class Visitor>
    std::size_t forEach(const std::string& nsp, const std::string& room, Visitor&& visit) const {
        return forEachMember(nsp, room, [&visit](const Member& member) { visit(*member.socket); });
    }
    /// The same with each member's session. `visit` must not join or leave.
    template <class Visitor>
    std::size_t forEachMember(const std::string& nsp, const std::string& room, Visitor&& visit) const {
        const auto found = rooms_.find(key(nsp, room));
        if (found == rooms_.end()) return 0;
        for (const Member& member : found->second.members) visit(member);
        return found->second.members.size();
    }
    std::size_t size(const std::string& nsp, const std::string& room) const;

private:
    struct Room {
        std::vector<Member> members;
        std::unordered_map<const SocketIoSocket*, std::size_t> positions; ///< index in `members`
    };
    static std::string key(const std::string& nsp, const std::string& room) { return nsp + '\x1f' + room; }
    std::unordered_map<std::string, Room> rooms_;
};

} // namespace motel::realtime
