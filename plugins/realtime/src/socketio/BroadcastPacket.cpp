#include "socketio/BroadcastPacket.h"

#include "json/JsonText.h"
#include "socketio/SocketPacket.h"

namespace motel::realtime {

SharedPacket encodeBroadcast(const std::string& nsp, const std::string& event, const std::string& payloadJson,
                             const std::string& offset) {
    std::string data = "[";
    JsonText::writeString(event, data);
    data += ',';
    data += payloadJson;
    if (!offset.empty()) {
        data += ',';
        JsonText::writeString(offset, data);
    }
    data += ']';
    const std::string text = SocketPacket::encodeWith(SocketPacket::Type::event, nsp, std::nullopt, data);
    return OutgoingPacket::from(EnginePacket::text(EnginePacket::Type::message, text));
}

} // namespace motel::realtime
