#pragma once
/// What lives on top of an Engine.IO session: the Socket.IO connection, or
/// the raw echo of the compliance mode. Called on the session's loop thread.

#include "engine/EnginePacket.h"

#include <string>

namespace motel::realtime {

class EngineSession;

class EngineSessionHandler {
public:
    virtual ~EngineSessionHandler() = default;
    /// The handshake has been sent.
    virtual void onOpen(EngineSession& session) = 0;
    /// A message packet (text or binary).
    virtual void onMessage(EngineSession& session, EnginePacket&& packet) = 0;
    /// The session is closed (`reason` as Engine.IO names it: "transport
    /// close", "ping timeout", "parse error", "forced close", ...). Last call.
    virtual void onClose(EngineSession& session, const std::string& reason) = 0;
};

} // namespace motel::realtime
