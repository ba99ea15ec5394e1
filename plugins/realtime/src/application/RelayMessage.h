#pragma once
/// One broadcast as it travels between hosts: an entry of the shared Redis
/// stream, with the host that published it (`origin`, a random id per
/// process) and that host's sequence number, so a retried XADD whose first
/// attempt did get through is recognised and never delivered twice.

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
    std::string payload; ///< JSON

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
