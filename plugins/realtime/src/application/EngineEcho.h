#pragma once
/// The raw Engine.IO echo the official Engine.IO test suite talks to
/// (`/engine.io/` in compliance mode): every message goes back unchanged,
/// text or binary. No Socket.IO layer.

#include "engine/EngineSession.h"
#include "engine/EngineSessionHandler.h"

namespace motel::realtime {

class EngineEcho : public EngineSessionHandler {
public:
    void onOpen(EngineSession& session) override { (void)session; }
    void onMessage(EngineSession& session, EnginePacket&& packet) override {
        session.send(OutgoingPacket::from(packet));
    }
    void onClose(EngineSession& session, const std::string& reason) override {
        (void)session;
        (void)reason;
    }
};

} // namespace motel::realtime
