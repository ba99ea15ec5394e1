#pragma once
/// One broadcast as it travels between hosts: an entry of the shared Redis
/// stream, with the host that published it (`origin`, a random id per
/// process) and that host's sequence number, so a retried XADD whose first
/// attempt did get through is recognised and never delivered twice.
///
/// Besides broadcasts the stream carries room changes of plugin channels
/// (RealtimeHub join/leave): `op` "join" or "leave", the sockets of room
/// `target` enter or leave room `payload`. Their `room` is kMembershipRoom,
/// which no socket ever joins, and their `event` is empty, so a host of an
/// older release (which skips entries without an event) and every recovery
/// replay pass them by.

#include <hiredis/hiredis.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::realtime {

struct RelayMessage {
    std::string origin;
    std::uint64_t sequence = 0;
    std::string nsp = "/";
    std::string room; ///< "" = every socket of the namespace
    std::string event;
    std::string payload; ///< JSON; the room to enter or leave for a membership op
    std::string op;      ///< "" broadcast; "join" / "leave" a room
    std::string target;  ///< membership op: the room whose sockets move

    static constexpr const char* kMembershipRoom = "#membership";
    bool isMembership() const { return !op.empty(); }
    static RelayMessage membership(bool join, std::string target, std::string room);

    /// The field/value pairs of the stream entry.
    std::vector<std::string> fields() const;
    /// From the field/value array of an entry; nullopt when one is missing.
    static std::optional<RelayMessage> fromFields(const redisReply* fields);
};

struct StreamEntry {
    std::string id; ///< the stream id, used as the broadcast's offset
    RelayMessage message;
};

/// The entries of an XRANGE/XREVRANGE reply, or of one stream of an XREAD
/// reply; malformed entries are skipped.
std::vector<StreamEntry> parseStreamEntries(const redisReply* entries);

} // namespace motel::realtime
