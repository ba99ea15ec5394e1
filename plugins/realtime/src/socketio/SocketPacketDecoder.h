#pragma once
/// Turns the Engine.IO messages of one connection back into Socket.IO
/// packets, as the official parser does: the text part first, then as many
/// binary messages as it announced attachments. Anything malformed (unknown
/// type, bad attachment count or ack id, invalid JSON or a payload of the
/// wrong shape, a binary message nobody announced) throws MalformedPacket,
/// and the connection is closed.

#include "engine/EnginePacket.h"
#include "socketio/SocketPacket.h"

#include <optional>
#include <string>

namespace motel::realtime {

class SocketPacketDecoder {
public:
    /// At most this many attachments per packet (the official server has no
    /// limit; a bound keeps a client from making us buffer forever).
    static constexpr std::size_t kMaxAttachments = 64;

    /// A text message: the packet, or nullopt while its attachments are due.
    std::optional<SocketPacket> addText(const std::string& message);
    /// A binary message: the packet once its last attachment has arrived.
    std::optional<SocketPacket> addBinary(std::string bytes);
    bool awaitingAttachments() const { return pending_.has_value(); }

    /// Decodes the text form of a packet (attachments not included).
    static SocketPacket decodeText(const std::string& message, std::size_t& attachmentCount);

private:
    std::optional<SocketPacket> pending_;
    std::size_t expected_ = 0;
};

} // namespace motel::realtime
