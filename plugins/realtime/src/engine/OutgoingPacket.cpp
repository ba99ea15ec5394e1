#include "engine/OutgoingPacket.h"

#include "websocket/WebSocketFrame.h"

namespace motel::realtime {

std::shared_ptr<const OutgoingPacket> OutgoingPacket::from(const EnginePacket& packet) {
    auto out = std::make_shared<OutgoingPacket>();
    out->pollingEntry = packet.encodeForPolling();
    out->webSocketFrame = std::make_shared<const std::string>(WebSocketFrame::encode(
        packet.binary ? WebSocketOpcode::binary : WebSocketOpcode::text, packet.encodeForWebSocket()));
    return out;
}

} // namespace motel::realtime
