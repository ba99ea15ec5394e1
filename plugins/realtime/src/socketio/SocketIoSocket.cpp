#include "socketio/SocketIoSocket.h"

#include "engine/EngineSession.h"
#include "json/JsonText.h"
#include "socketio/RoomIndex.h"
#include "socketio/SocketIoConnection.h"
#include "socketio/SocketPacket.h"

namespace motel::realtime {

SocketIoSocket::SocketIoSocket(SocketIoConnection& connection, std::string nsp, std::string id, std::string pid,
                               std::optional<sdk::Principal> principal, Poco::Dynamic::Var auth)
    : connection_(connection), nsp_(std::move(nsp)), id_(std::move(id)), pid_(std::move(pid)),
      principal_(std::move(principal)), auth_(std::move(auth)) {}

SocketIoSocket::~SocketIoSocket() {
    connection_.session().loop().cancel(endTimer_);
    for (const auto& room : rooms_) connection_.rooms().leave(nsp_, room, this);
}

void SocketIoSocket::endAfter(std::chrono::milliseconds delay) {
    IoLoop& loop = connection_.session().loop();
    loop.cancel(endTimer_);
    endTimer_ = loop.runAfter(delay, [this] {
        endTimer_ = IoLoop::TimerId{};
        SocketIoConnection& connection = connection_;
        const std::string nsp = nsp_;
        connection.end(nsp); // destroys this socket
    });
}

void SocketIoSocket::join(const std::string& room) {
    if (rooms_.insert(room).second) connection_.rooms().join(nsp_, room, this, &connection_.session());
}

void SocketIoSocket::leave(const std::string& room) {
    if (rooms_.erase(room) > 0) connection_.rooms().leave(nsp_, room, this);
}

void SocketIoSocket::emit(const std::string& event, const std::string& argumentsJson,
                          const std::vector<std::string>& attachments, AckCallback onAck) {
    std::string data = "[";
    JsonText::writeString(event, data);
    if (!argumentsJson.empty()) data += "," + argumentsJson;
    data += ']';
    std::optional<std::uint64_t> id;
    if (onAck) {
        id = nextAckId_++;
        acks_[*id] = std::move(onAck);
    }
    connection_.sendText(SocketPacket::encodeWith(SocketPacket::Type::event, nsp_, id, data, attachments.size()),
                         attachments);
}

void SocketIoSocket::ack(std::uint64_t id, const std::string& argumentsJson,
                         const std::vector<std::string>& attachments) {
    connection_.sendText(
        SocketPacket::encodeWith(SocketPacket::Type::ack, nsp_, id, "[" + argumentsJson + "]", attachments.size()),
        attachments);
}

void SocketIoSocket::onAck(const SocketPacket& packet) {
    if (!packet.id) return;
    const auto found = acks_.find(*packet.id);
    if (found == acks_.end()) return; // unknown or already answered: ignored, as the official server does
    AckCallback callback = std::move(found->second);
    acks_.erase(found);
    callback(packet);
}

} // namespace motel::realtime
