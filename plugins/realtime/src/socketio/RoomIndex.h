#pragma once
/// Which sockets of one IoLoop are in which room. One index per loop, used
/// only on that loop's thread (a broadcast posts one task per loop), so no
/// locks. The empty room name stands for "every socket of the namespace".

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace motel::realtime {

class SocketIoSocket;

class RoomIndex {
public:
    void join(const std::string& nsp, const std::string& room, SocketIoSocket* socket);
    void leave(const std::string& nsp, const std::string& room, SocketIoSocket* socket);
    /// Calls `visit` for every socket of `room` in `nsp`; returns how many.
    template <class Visitor>
    std::size_t forEach(const std::string& nsp, const std::string& room, Visitor&& visit) const {
        const auto found = rooms_.find(key(nsp, room));
        if (found == rooms_.end()) return 0;
        for (SocketIoSocket* socket : found->second) visit(*socket);
        return found->second.size();
    }
    std::size_t size(const std::string& nsp, const std::string& room) const;

private:
    static std::string key(const std::string& nsp, const std::string& room) { return nsp + '\x1f' + room; }
    std::unordered_map<std::string, std::unordered_set<SocketIoSocket*>> rooms_;
};

} // namespace motel::realtime
