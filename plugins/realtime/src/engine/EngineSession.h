#pragma once
/// One Engine.IO v4 session: its transport (HTTP long-polling or WebSocket),
/// the upgrade from one to the other (`2probe`/`3probe`, noop, `5`), the
/// server-driven heartbeat (ping every pingInterval, closed when no pong
/// within pingTimeout), the outgoing buffer and the close rules of the
/// protocol. Everything runs on the session's IoLoop; the server only posts
/// to it.

#include "engine/EngineOptions.h"
#include "engine/EnginePacket.h"
#include "engine/EngineSessionHandler.h"
#include "engine/OutgoingPacket.h"
#include "engine/PendingReply.h"
#include "io/IoLoop.h"
#include "websocket/WebSocketConnection.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace motel::realtime {

class EngineSession : public std::enable_shared_from_this<EngineSession> {
public:
    enum class Transport { polling, websocket };
    /// Called once the session has closed (the server forgets it).
    using ClosedCallback = std::function<void(const std::string& sid)>;

    EngineSession(IoLoop& loop, std::string sid, const EngineOptions& options, ClosedCallback onClosed);
    ~EngineSession();

    const std::string& sid() const { return sid_; }
    IoLoop& loop() { return loop_; }
    Transport transport() const { return transport_; }
    bool isOpen() const { return state_ == State::open; }
    void setHandler(std::unique_ptr<EngineSessionHandler> handler) { handler_ = std::move(handler); }
    EngineSessionHandler* handler() { return handler_.get(); }

    // Opening (loop thread).
    void openWithPolling(const PendingReply& handshakeReply);
    void openWithWebSocket(std::shared_ptr<WebSocketConnection> socket);

    // Requests carrying this session's sid (loop thread).
    void onPollRequest(const PendingReply& reply);
    void onPostRequest(const std::string& body, const PendingReply& reply);
    /// A WebSocket opened with this sid: becomes the probe of an upgrade, or
    /// is closed when the session cannot upgrade.
    void onUpgradeRequest(std::shared_ptr<WebSocketConnection> socket);

    // Sending (loop thread). Ignored once closed.
    /// Over a WebSocket the packet's frame is written by reference (kept only
    /// if the socket cannot take it at once); polling keeps the packet.
    void send(const SharedPacket& packet);
    void sendMessage(const std::string& text) {
        send(OutgoingPacket::from(EnginePacket::text(EnginePacket::Type::message, text)));
    }
    void sendBinary(const std::string& bytes) { send(OutgoingPacket::from(EnginePacket::bytes(bytes))); }
    /// Server-side close: the close packet goes out, then the transport closes.
    void close(const std::string& reason);

    /// The handshake JSON (sid, upgrades, pingInterval, pingTimeout, maxPayload).
    std::string handshakeJson(bool offerUpgrade) const;

private:
    enum class State { open, closed };

    void attachWebSocket(const std::shared_ptr<WebSocketConnection>& socket, bool probe);
    void onWebSocketMessage(const std::shared_ptr<WebSocketConnection>& socket, bool binary, std::string payload);
    void onWebSocketClosed(const std::shared_ptr<WebSocketConnection>& socket, const std::string& reason);
    void onPacket(EnginePacket&& packet);
    void onProbePacket(const EnginePacket& packet);
    void completeUpgrade();
    void abandonProbe();
    void flushPolling();
    void answerPoll(const std::string& body);
    void schedulePing();
    void finish(const std::string& reason, bool clientInitiated);

    IoLoop& loop_;
    const std::string sid_;
    const EngineOptions& options_;
    ClosedCallback onClosed_;
    std::unique_ptr<EngineSessionHandler> handler_;
    State state_ = State::open;
    Transport transport_ = Transport::polling;
    std::vector<SharedPacket> pollingBuffer_; ///< waiting for the next GET (and during an upgrade)
    std::optional<PendingReply> pendingPoll_;
    std::shared_ptr<WebSocketConnection> socket_; ///< the WebSocket transport
    std::shared_ptr<WebSocketConnection> probe_;  ///< a WebSocket being upgraded to
    bool probed_ = false;                         ///< `2probe` answered
    IoLoop::TimerId pingTimer_;
    IoLoop::TimerId pongDeadline_;
    IoLoop::TimerId upgradeDeadline_;
};

} // namespace motel::realtime
