#include "application/ComplianceApplication.h"

#include "json/JsonText.h"
#include "socketio/SocketIoSocket.h"
#include "socketio/SocketPacket.h"

namespace motel::realtime {

bool ComplianceApplication::hasNamespace(const std::string& nsp) const {
    return nsp == "/" || nsp == "/custom";
}

ConnectDecision ComplianceApplication::authorize(const std::string& nsp, const Poco::Dynamic::Var& auth) {
    (void)nsp;
    (void)auth;
    return ConnectDecision{true, {}, std::nullopt, {}};
}

void ComplianceApplication::onConnect(SocketIoSocket& socket) {
    socket.emit("auth", JsonText::write(socket.auth()));
}

void ComplianceApplication::onEvent(SocketIoSocket& socket, const SocketPacket& packet) {
    if (socket.nsp() != "/") return;
    const std::string name = packet.eventName();
    if (name == "message") {
        socket.emit("message-back", packet.argumentsJson(1), packet.attachments);
    } else if (name == "message-with-ack" && packet.id) {
        socket.ack(*packet.id, packet.argumentsJson(1), packet.attachments);
    }
}

} // namespace motel::realtime
