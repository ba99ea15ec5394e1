#include "application/MotelApplication.h"

#include "json/JsonText.h"
#include "socketio/SocketIoSocket.h"
#include "socketio/SocketPacket.h"

#include <motel/sdk/ExceptionText.h>

#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>

#include <algorithm>
#include <chrono>

namespace motel::realtime {

namespace {
const char* const kUnauthorized = R"({"message":"Unauthorized"})";
} // namespace

ConnectDecision MotelApplication::authorize(const std::string& nsp, const Poco::Dynamic::Var& auth) {
    (void)nsp;
    if (auth.type() != typeid(Poco::JSON::Object::Ptr)) return ConnectDecision::refuse(kUnauthorized);
    const auto& object = auth.extract<Poco::JSON::Object::Ptr>();
    if (!object || !object->has("token") || !object->get("token").isString()) {
        return ConnectDecision::refuse(kUnauthorized);
    }
    const auto authenticator = lookup_ ? lookup_() : nullptr;
    if (!authenticator) return ConnectDecision::refuse(kUnauthorized);
    std::optional<sdk::Principal> principal;
    try {
        principal = authenticator->authenticate(object->get("token").convert<std::string>());
    } catch (...) { // a failing authenticator refuses, never crashes the loop
        Poco::Logger::get("motel.realtime")
            .error("Socket.IO authentication failed, refusing the connection: %s", sdk::describeCurrentException());
        principal.reset();
    }
    if (!principal) return ConnectDecision::refuse(kUnauthorized);
    ConnectDecision decision;
    decision.accepted = true;
    decision.rooms = {userRoom(principal->id), roleRoom(principal->role)};
    if (!principal->tokenId.empty()) decision.rooms.push_back(tokenRoom(principal->tokenId));
    decision.principal = std::move(principal);
    return decision;
}

void MotelApplication::onConnect(SocketIoSocket& socket) {
    socket.join(socketRoom(socket.id()));
    if (!socket.principal() || socket.principal()->tokenExpiresAt <= 0) return;
    // A socket lives no longer than the token it was opened with.
    const auto expiresAt =
        std::chrono::system_clock::time_point(std::chrono::seconds(socket.principal()->tokenExpiresAt));
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(expiresAt - std::chrono::system_clock::now());
    socket.endAfter(std::max(left, std::chrono::milliseconds(0)));
}

void MotelApplication::onEvent(SocketIoSocket& socket, const SocketPacket& packet) {
    if (dispatcher_ && dispatcher_->dispatch(socket, packet)) return;
    if (packet.eventName() != "whoami" || !packet.id || !socket.principal()) return;
    const sdk::Principal& principal = *socket.principal();
    Poco::JSON::Object::Ptr me = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    me->set("id", principal.id);
    me->set("email", principal.email);
    me->set("name", principal.name);
    me->set("role", principal.role);
    me->set("socketId", socket.id());
    socket.ack(*packet.id, JsonText::write(me));
}

} // namespace motel::realtime
