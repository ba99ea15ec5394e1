#pragma once
/// The Socket.IO side of one Engine.IO session: decodes packets (with their
/// binary attachments), connects namespaces (authorisation by the
/// application, CONNECT_ERROR for unknown namespaces and refused clients,
/// recovery of a dropped session), routes events and acks to sockets,
/// closes the whole connection on malformed packets and when no namespace
/// is joined within connectTimeout. Owned by its EngineSession; loop thread.

#include "engine/EngineSession.h"
#include "engine/EngineSessionHandler.h"
#include "socketio/SocketPacketDecoder.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace motel::realtime {

class RoomIndex;
class SocketIoServer;
class SocketIoSocket;

class SocketIoConnection : public EngineSessionHandler {
public:
    SocketIoConnection(SocketIoServer& server, EngineSession& session);
    ~SocketIoConnection() override;

    void onOpen(EngineSession& session) override;
    void onMessage(EngineSession& session, EnginePacket&& packet) override;
    void onClose(EngineSession& session, const std::string& reason) override;

    /// A Socket.IO packet's text part, then its attachments as binary messages.
    void sendText(const std::string& text, const std::vector<std::string>& attachments = {});
    /// Server-side namespace disconnect (DISCONNECT packet, socket gone).
    void disconnect(const std::string& nsp);
    /// disconnect(), and when no namespace is left, the session closes
    /// shortly after (time for a poll to fetch the DISCONNECT packet; the
    /// official client closes it itself at once). For revoked sessions.
    void end(const std::string& nsp);

    EngineSession& session() { return session_; }
    RoomIndex& rooms();
    SocketIoServer& server() { return server_; }
    SocketIoSocket* socket(const std::string& nsp);

private:
    void dispatch(SocketPacket&& packet);
    void connect(SocketPacket&& packet);
    void drop(const std::string& nsp, const std::string& reason);

    SocketIoServer& server_;
    EngineSession& session_;
    SocketPacketDecoder decoder_;
    std::map<std::string, std::unique_ptr<SocketIoSocket>> sockets_;
    IoLoop::TimerId connectTimer_;
    bool closed_ = false;
};

} // namespace motel::realtime
