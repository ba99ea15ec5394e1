#pragma once
/// The one encoding of a broadcast: EVENT `[event, payload, offset]` of a
/// namespace as an Engine.IO message, built once and shared by every socket
/// that gets it (live, or replayed by connection state recovery). The offset
/// is the last argument, which socket.io-client keeps as its recovery point;
/// it is left out when recovery is off.

#include "engine/OutgoingPacket.h"

#include <string>

namespace motel::realtime {

SharedPacket encodeBroadcast(const std::string& nsp, const std::string& event, const std::string& payloadJson,
                             const std::string& offset);

} // namespace motel::realtime
