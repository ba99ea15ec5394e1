#pragma once
/// One Socket.IO socket: a client's membership of one namespace on one
/// connection, with its id, private id (for recovery), the principal it
/// authenticated as, its rooms, and the acknowledgements it waits for.
/// Lives on its connection's loop thread.

#include "io/IoLoop.h"
#include "socketio/StreamOffset.h"

#include <motel/sdk/Principal.h>

#include <Poco/Dynamic/Var.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace motel::realtime {

class SocketIoConnection;
struct SocketPacket;

class SocketIoSocket {
public:
    /// Receives the client's ACK packet for an emit that asked for one.
    using AckCallback = std::function<void(const SocketPacket& ack)>;

    SocketIoSocket(SocketIoConnection& connection, std::string nsp, std::string id, std::string pid,
                   std::optional<sdk::Principal> principal, Poco::Dynamic::Var auth);
    ~SocketIoSocket(); ///< leaves every room
    SocketIoSocket(const SocketIoSocket&) = delete;
    SocketIoSocket& operator=(const SocketIoSocket&) = delete;

    const std::string& id() const { return id_; }
    const std::string& pid() const { return pid_; }
    const std::string& nsp() const { return nsp_; }
    const std::optional<sdk::Principal>& principal() const { return principal_; }
    std::int64_t userId() const { return principal_ ? principal_->id : 0; }
    const Poco::Dynamic::Var& auth() const { return auth_; }
    const std::set<std::string>& rooms() const { return rooms_; }
    SocketIoConnection& connection() { return connection_; }
    /// Expires when this socket is destroyed: work that finishes later on
    /// another thread posts back to the loop and checks it first.
    std::weak_ptr<const void> lifetime() const { return lifetime_; }

    /// A restored socket whose client already saw broadcasts up to `offset`
    /// on its previous host (this host has not delivered them yet).
    void markSeenThrough(StreamOffset offset) { seenThrough_ = offset; }
    /// True for a broadcast the client already has (stream offsets only).
    bool hasSeen(const std::optional<StreamOffset>& offset) const {
        return offset && seenThrough_ &&
               *offset <= *seenThrough_; // `offset` first: the socket is not read for local offsets
    }
    /// Ends this socket (SocketIoConnection::end) after `delay`, e.g. when
    /// its token expires; cancelled when the socket goes first.
    void endAfter(std::chrono::milliseconds delay);

    void join(const std::string& room);
    void leave(const std::string& room);

    /// EVENT `[event, <argumentsJson>]` (argumentsJson: comma separated JSON
    /// values, may be empty) with binary `attachments` referenced by
    /// placeholders; `onAck` makes it ask the client for an ACK.
    void emit(const std::string& event, const std::string& argumentsJson,
              const std::vector<std::string>& attachments = {}, AckCallback onAck = {});
    /// Answers the client's ack request `id`.
    void ack(std::uint64_t id, const std::string& argumentsJson, const std::vector<std::string>& attachments = {});
    /// An ACK packet from the client.
    void onAck(const SocketPacket& packet);
    std::size_t pendingAcks() const { return acks_.size(); }

private:
    SocketIoConnection& connection_;
    const std::string nsp_;
    const std::string id_;
    const std::string pid_;
    const std::optional<sdk::Principal> principal_;
    const Poco::Dynamic::Var auth_;
    std::set<std::string> rooms_;
    std::map<std::uint64_t, AckCallback> acks_;
    std::uint64_t nextAckId_ = 0;
    std::optional<StreamOffset> seenThrough_;
    IoLoop::TimerId endTimer_;
    const std::shared_ptr<const int> lifetime_ = std::make_shared<const int>(0);
};

} // namespace motel::realtime
