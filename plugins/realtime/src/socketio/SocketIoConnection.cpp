#include "socketio/SocketIoConnection.h"

#include "io/RandomId.h"
#include "json/JsonText.h"
#include "socketio/SocketIoServer.h"
#include "socketio/SocketIoSocket.h"
#include "socketio/StreamOffset.h"

#include <Poco/JSON/Object.h>

namespace motel::realtime {

namespace {

std::optional<std::string> stringMember(const Poco::Dynamic::Var& object, const std::string& name) {
    if (object.type() != typeid(Poco::JSON::Object::Ptr)) return std::nullopt;
    const auto& ptr = object.extract<Poco::JSON::Object::Ptr>();
    if (!ptr || !ptr->has(name)) return std::nullopt;
    const auto value = ptr->get(name);
    if (!value.isString()) return std::nullopt;
    return value.convert<std::string>();
}

constexpr std::chrono::milliseconds kEndGrace{2000};

bool isRecoverable(const std::string& reason) {
    return reason != "client namespace disconnect" && reason != "server namespace disconnect";
}

} // namespace

SocketIoConnection::SocketIoConnection(SocketIoServer& server, EngineSession& session)
    : server_(server), session_(session) {}

SocketIoConnection::~SocketIoConnection() {
    session_.loop().cancel(connectTimer_);
    sockets_.clear();
}

RoomIndex& SocketIoConnection::rooms() {
    return server_.roomsOf(session_.loop());
}

SocketIoSocket* SocketIoConnection::socket(const std::string& nsp) {
    const auto found = sockets_.find(nsp);
    return found == sockets_.end() ? nullptr : found->second.get();
}

void SocketIoConnection::onOpen(EngineSession& session) {
    EngineSession* target = &session;
    connectTimer_ = session.loop().runAfter(server_.options().connectTimeout, [this, target] {
        connectTimer_ = IoLoop::TimerId{};
        if (sockets_.empty()) target->close("connect timeout");
    });
}

void SocketIoConnection::onMessage(EngineSession& session, EnginePacket&& packet) {
    try {
        std::optional<SocketPacket> decoded =
            packet.binary ? decoder_.addBinary(std::move(packet.data)) : decoder_.addText(packet.data);
        if (decoded) {
            server_.stats().messagesIn();
            dispatch(std::move(*decoded));
        }
    } catch (const MalformedPacket&) {
        session.close("parse error");
    }
}

void SocketIoConnection::dispatch(SocketPacket&& packet) {
    if (packet.type == SocketPacket::Type::connect) return connect(std::move(packet));
    SocketIoSocket* target = socket(packet.nsp);
    if (!target) return; // not connected to that namespace: ignored, as the official server does
    switch (packet.type) {
    case SocketPacket::Type::disconnect:
        drop(packet.nsp, "client namespace disconnect");
        break;
    case SocketPacket::Type::event:
    case SocketPacket::Type::binaryEvent:
        server_.application().onEvent(*target, packet);
        break;
    case SocketPacket::Type::ack:
    case SocketPacket::Type::binaryAck:
        target->onAck(packet);
        break;
    default:
        break; // CONNECT_ERROR from a client means nothing to a server
    }
}

void SocketIoConnection::connect(SocketPacket&& packet) {
    const std::string nsp = packet.nsp;
    if (sockets_.count(nsp)) return;
    SocketApplication& application = server_.application();
    if (!application.hasNamespace(nsp)) {
        sendText(SocketPacket::encodeWith(SocketPacket::Type::connectError, nsp, std::nullopt,
                                          R"({"message":"Invalid namespace"})"));
        return;
    }
    const Poco::Dynamic::Var auth =
        packet.data ? *packet.data : Poco::Dynamic::Var(Poco::JSON::Object::Ptr(new Poco::JSON::Object));
    ConnectDecision decision = application.authorize(nsp, auth);
    if (!decision.accepted) {
        sendText(SocketPacket::encodeWith(SocketPacket::Type::connectError, nsp, std::nullopt, decision.errorJson));
        return;
    }
    const std::int64_t userId = decision.principal ? decision.principal->id : 0;
    if (!server_.userLimit().tryAcquire(userId)) {
        sendText(
            SocketPacket::encodeWith(SocketPacket::Type::connectError, nsp, std::nullopt, UserSocketLimit::kRefusal));
        return;
    }
    std::string id = RandomId::make();
    std::string pid;
    std::vector<SharedPacket> missed;
    std::optional<StreamOffset> seenThrough;
    std::set<std::string> restoredRooms;
    if (RecoveryStore* recovery = server_.recovery()) {
        pid = RandomId::make();
        const auto clientPid = stringMember(auth, "pid");
        if (clientPid) {
            RecoveryRequest request{*clientPid, stringMember(auth, "offset"), nsp, userId,
                                    server_.deliveredUpTo(session_.loop())};
            if (auto restored = recovery->restore(request)) {
                id = restored->session.socketId;
                pid = restored->session.pid;
                missed = std::move(restored->missed);
                restoredRooms = std::move(restored->session.rooms);
                if (request.offset) seenThrough = StreamOffset::parse(*request.offset);
            }
        }
    }
    auto created = std::make_unique<SocketIoSocket>(*this, nsp, id, pid, decision.principal, auth);
    SocketIoSocket& socket = *created;
    sockets_[nsp] = std::move(created);
    if (seenThrough) socket.markSeenThrough(*seenThrough);
    socket.join("");
    for (const auto& room : decision.rooms) socket.join(room);
    for (const auto& room : restoredRooms)
        if (application.restoresRoom(room)) socket.join(room);
    session_.loop().cancel(connectTimer_);

    std::string reply = "{\"sid\":";
    JsonText::writeString(id, reply);
    if (!pid.empty()) {
        reply += ",\"pid\":";
        JsonText::writeString(pid, reply);
    }
    reply += '}';
    server_.stats().connected(socket.userId());
    sendText(SocketPacket::encodeWith(SocketPacket::Type::connect, nsp, std::nullopt, reply));
    application.onConnect(socket);
    for (const auto& packetMissed : missed) session_.send(packetMissed);
    if (!missed.empty()) server_.stats().messagesOut(missed.size());
}

void SocketIoConnection::sendText(const std::string& text, const std::vector<std::string>& attachments) {
    session_.sendMessage(text);
    for (const auto& attachment : attachments) session_.sendBinary(attachment);
    server_.stats().messagesOut();
}

void SocketIoConnection::disconnect(const std::string& nsp) {
    if (!socket(nsp)) return;
    sendText(SocketPacket::encodeWith(SocketPacket::Type::disconnect, nsp, std::nullopt, ""));
    drop(nsp, "server namespace disconnect");
}

void SocketIoConnection::end(const std::string& nsp) {
    disconnect(nsp);
    if (!sockets_.empty() || closed_) return;
    EngineSession* target = &session_;
    session_.loop().cancel(connectTimer_);
    connectTimer_ = session_.loop().runAfter(kEndGrace, [this, target] {
        connectTimer_ = IoLoop::TimerId{};
        if (sockets_.empty()) target->close("server namespace disconnect");
    });
}

void SocketIoConnection::drop(const std::string& nsp, const std::string& reason) {
    const auto found = sockets_.find(nsp);
    if (found == sockets_.end()) return;
    std::unique_ptr<SocketIoSocket> socket = std::move(found->second);
    sockets_.erase(found);
    RecoveryStore* recovery = server_.recovery();
    if (recovery && !socket->pid().empty() && isRecoverable(reason)) {
        std::set<std::string> rooms = socket->rooms();
        rooms.erase("");
        recovery->save(RecoverySession{socket->id(), socket->pid(), socket->nsp(), std::move(rooms), socket->userId(),
                                       server_.deliveredUpTo(session_.loop())});
    }
    server_.userLimit().release(socket->userId());
    server_.stats().disconnected(socket->userId(), reason);
}

void SocketIoConnection::onClose(EngineSession& session, const std::string& reason) {
    (void)session;
    if (closed_) return;
    closed_ = true;
    session_.loop().cancel(connectTimer_);
    std::vector<std::string> namespaces;
    for (const auto& entry : sockets_) namespaces.push_back(entry.first);
    for (const auto& nsp : namespaces) drop(nsp, reason);
}

} // namespace motel::realtime
