#include "socketio/SocketIoServer.h"

#include "io/RandomId.h"
#include "socketio/BroadcastPacket.h"
#include "socketio/MemoryRecoveryStore.h"
#include "socketio/SocketIoConnection.h"
#include "socketio/SocketIoSocket.h"

namespace motel::realtime {

SocketIoServer::SocketIoServer(SocketIoOptions options, IoLoopGroup& loops, SocketApplication& application,
                               RealtimeStats& stats)
    : options_(options), loops_(loops), application_(application), stats_(stats), userLimit_(options.maxSocketsPerUser),
      // Never all digits: a local offset must not read as a Redis stream id.
      offsetPrefix_("L" + RandomId::make().substr(0, 8) + "-") {
    if (options_.recoveryWindow.count() > 0) recovery_ = std::make_unique<MemoryRecoveryStore>(options_.recoveryWindow);
    for (std::size_t i = 0; i < loops_.size(); ++i) loopStates_[&loops_.at(i)] = std::make_unique<LoopState>();
}

EngineServer::HandlerFactory SocketIoServer::handlerFactory() {
    return [this](EngineSession& session) { return std::make_unique<SocketIoConnection>(*this, session); };
}

void SocketIoServer::endRoom(const std::string& nsp, const std::string& room) {
    for (std::size_t i = 0; i < loops_.size(); ++i) {
        IoLoop& loop = loops_.at(i);
        RoomIndex* rooms = &loopStates_.at(&loop)->rooms;
        loop.post([rooms, nsp, room] {
            // Collected first: ending a socket changes the room being walked.
            std::vector<SocketIoConnection*> connections;
            rooms->forEach(nsp, room,
                           [&connections](SocketIoSocket& socket) { connections.push_back(&socket.connection()); });
            for (SocketIoConnection* connection : connections) connection->end(nsp);
        });
    }
}

void SocketIoServer::moveSockets(const std::string& nsp, const std::string& target, const std::string& room,
                                 bool join) {
    for (std::size_t i = 0; i < loops_.size(); ++i) {
        IoLoop& loop = loops_.at(i);
        RoomIndex* rooms = &loopStates_.at(&loop)->rooms;
        loop.post([rooms, nsp, target, room, join] {
            // Collected first: joining or leaving changes the rooms being walked.
            std::vector<SocketIoSocket*> sockets;
            rooms->forEach(nsp, target, [&sockets](SocketIoSocket& socket) { sockets.push_back(&socket); });
            for (SocketIoSocket* socket : sockets) join ? socket->join(room) : socket->leave(room);
        });
    }
}

RoomIndex& SocketIoServer::roomsOf(const IoLoop& loop) {
    return loopStates_.at(&loop)->rooms;
}

std::string SocketIoServer::deliveredUpTo(const IoLoop& loop) const {
    const std::string& last = loopStates_.at(&loop)->lastOffset;
    if (!last.empty()) return last;
    std::lock_guard<std::mutex> lock(initialOffsetMutex_);
    return initialOffset_;
}

void SocketIoServer::setInitialOffset(std::string offset) {
    std::lock_guard<std::mutex> lock(initialOffsetMutex_);
    initialOffset_ = std::move(offset);
}

void SocketIoServer::useRecoveryStore(std::unique_ptr<RecoveryStore> store) {
    if (!recovery_) return;
    recovery_ = std::move(store);
    streamOffsetsOnly_ = true;
}

std::string SocketIoServer::broadcast(const std::string& nsp, const std::string& room, const std::string& event,
                                      const std::string& payloadJson, std::string offset) {
    if (recovery_ && offset.empty()) offset = offsetPrefix_ + std::to_string(nextOffset_.fetch_add(1));
    const SharedPacket packet = encodeBroadcast(nsp, event, payloadJson, recovery_ ? offset : std::string());
    if (recovery_) recovery_->record(offset, nsp, room, packet);
    const std::optional<StreamOffset> ordered = StreamOffset::parse(offset);
    for (std::size_t i = 0; i < loops_.size(); ++i) {
        IoLoop& loop = loops_.at(i);
        LoopState* state = loopStates_.at(&loop).get();
        loop.post([this, state, nsp, room, packet, offset, ordered] {
            if (ordered || !streamOffsetsOnly_) state->lastOffset = offset;
            const std::size_t sent = state->rooms.forEachMember(nsp, room, [&](const RoomIndex::Member& member) {
                if (!member.socket->hasSeen(ordered)) member.session->send(packet);
            });
            if (sent > 0) stats_.messagesOut(sent);
        });
    }
    return offset;
}

} // namespace motel::realtime
