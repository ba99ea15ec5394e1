#pragma once
/// An Engine.IO packet ready to leave, already in both wire forms (polling
/// entry and complete WebSocket frame). Immutable and shared: a broadcast
/// builds one and every session sends the same bytes. The frame has its own
/// shared pointer so that a WebSocket can send it by reference and keep a
/// reference only when it must queue it.

#include "engine/EnginePacket.h"

#include <memory>
#include <string>

namespace motel::realtime {

struct OutgoingPacket {
    std::string pollingEntry;                          ///< `4...` or `b<base64>`
    std::shared_ptr<const std::string> webSocketFrame; ///< the whole frame, header included; never null

    static std::shared_ptr<const OutgoingPacket> from(const EnginePacket& packet);
};

using SharedPacket = std::shared_ptr<const OutgoingPacket>;

} // namespace motel::realtime
