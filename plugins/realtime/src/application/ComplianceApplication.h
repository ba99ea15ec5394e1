#pragma once
/// The namespaces and events the official Socket.IO test suite expects of
/// the server it tests: `/` and `/custom` accept anyone and emit `auth` with
/// the handshake payload; on `/`, `message` is answered with `message-back`
/// and `message-with-ack` acknowledged, both with the same arguments
/// (binary attachments included). Other namespaces are refused with
/// `{"message":"Invalid namespace"}`. Only for `plugins.realtime.mode=compliance`.

#include "socketio/SocketApplication.h"

namespace motel::realtime {

class ComplianceApplication : public SocketApplication {
public:
    bool hasNamespace(const std::string& nsp) const override;
    ConnectDecision authorize(const std::string& nsp, const Poco::Dynamic::Var& auth) override;
    void onConnect(SocketIoSocket& socket) override;
    void onEvent(SocketIoSocket& socket, const SocketPacket& packet) override;
};

} // namespace motel::realtime
