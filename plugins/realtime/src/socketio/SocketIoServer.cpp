#include "socketio/SocketIoServer.h"

#include "io/RandomId.h"
#include "json/JsonText.h"
#include "socketio/SocketIoConnection.h"
#include "socketio/SocketIoSocket.h"
#include "socketio/SocketPacket.h"

namespace motel::realtime {

SocketIoServer::SocketIoServer(SocketIoOptions options, IoLoopGroup& loops, SocketApplication& application,
                               RealtimeStats& stats)
    : options_(options), loops_(loops), application_(application), stats_(stats),
      userLimit_(options.maxSocketsPerUser), offsetPrefix_(RandomId::make().substr(0, 8) + "-") {
    if (options_.recoveryWindow.count() > 0) recovery_ = std::make_unique<RecoveryStore>(options_.recoveryWindow);
    for (std::size_t i = 0; i < loops_.size(); ++i) rooms_[&loops_.at(i)] = std::make_unique<RoomIndex>();
}

EngineServer::HandlerFactory SocketIoServer::handlerFactory() {
    return [this](EngineSession& session) { return std::make_unique<SocketIoConnection>(*this, session); };
}

RoomIndex& SocketIoServer::roomsOf(const IoLoop& loop) {
    return *rooms_.at(&loop);
}

std::string SocketIoServer::broadcast(const std::string& nsp, const std::string& room, const std::string& event,
                                      const std::string& payloadJson, std::string offset) {
    std::string data = "[";
    JsonText::writeString(event, data);
    data += ',';
    data += payloadJson;
    if (recovery_) {
        if (offset.empty()) offset = offsetPrefix_ + std::to_string(nextOffset_.fetch_add(1));
        data += ',';
        JsonText::writeString(offset, data); // clients keep the last argument as their offset
    }
    data += ']';
    const std::string text = SocketPacket::encodeWith(SocketPacket::Type::event, nsp, std::nullopt, data);
    const SharedPacket packet = OutgoingPacket::from(EnginePacket::text(EnginePacket::Type::message, text));
    if (recovery_) recovery_->record(offset, nsp, room, packet);
    for (std::size_t i = 0; i < loops_.size(); ++i) {
        IoLoop& loop = loops_.at(i);
        RoomIndex* rooms = rooms_.at(&loop).get();
        loop.post([this, rooms, nsp, room, packet] {
            const std::size_t sent = rooms->forEach(
                nsp, room, [&packet](SocketIoSocket& socket) { socket.connection().session().send(packet); });
            if (sent > 0) stats_.messagesOut(sent);
        });
    }
    return offset;
}

} // namespace motel::realtime
