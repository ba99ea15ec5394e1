#include "engine/EngineSession.h"

#include "engine/PollingPayload.h"
#include "json/JsonText.h"

namespace motel::realtime {

namespace {
const char* const kPollingContentType = "text/plain; charset=UTF-8";

const SharedPacket& pingPacket() {
    static const SharedPacket ping = OutgoingPacket::from(EnginePacket::text(EnginePacket::Type::ping));
    return ping;
}
} // namespace

EngineSession::EngineSession(IoLoop& loop, std::string sid, const EngineOptions& options, ClosedCallback onClosed)
    : loop_(loop), sid_(std::move(sid)), options_(options), onClosed_(std::move(onClosed)) {}

EngineSession::~EngineSession() {
    loop_.cancel(pingTimer_);
    loop_.cancel(pongDeadline_);
    loop_.cancel(upgradeDeadline_);
}

std::string EngineSession::handshakeJson(bool offerUpgrade) const {
    std::string json = "{\"sid\":";
    JsonText::writeString(sid_, json);
    json += offerUpgrade ? ",\"upgrades\":[\"websocket\"]" : ",\"upgrades\":[]";
    json += ",\"pingInterval\":" + std::to_string(options_.pingInterval.count());
    json += ",\"pingTimeout\":" + std::to_string(options_.pingTimeout.count());
    json += ",\"maxPayload\":" + std::to_string(options_.maxPayload) + "}";
    return json;
}

void EngineSession::openWithPolling(const PendingReply& handshakeReply) {
    transport_ = Transport::polling;
    handshakeReply.send(200, kPollingContentType, "0" + handshakeJson(true));
    schedulePing();
    if (handler_) handler_->onOpen(*this);
}

void EngineSession::openWithWebSocket(std::shared_ptr<WebSocketConnection> socket) {
    transport_ = Transport::websocket;
    socket_ = std::move(socket);
    attachWebSocket(socket_, false);
    socket_->sendText("0" + handshakeJson(false));
    schedulePing();
    if (handler_) handler_->onOpen(*this);
}

void EngineSession::attachWebSocket(const std::shared_ptr<WebSocketConnection>& socket, bool probe) {
    std::weak_ptr<EngineSession> weakSelf = weak_from_this();
    std::weak_ptr<WebSocketConnection> weakSocket = socket;
    socket->setHandlers(
        [weakSelf, weakSocket](bool binary, std::string payload) {
            auto self = weakSelf.lock();
            auto socket = weakSocket.lock();
            if (self && socket) self->onWebSocketMessage(socket, binary, std::move(payload));
        },
        [weakSelf, weakSocket](const std::string& reason) {
            auto self = weakSelf.lock();
            auto socket = weakSocket.lock();
            if (self && socket) self->onWebSocketClosed(socket, reason);
        });
    if (probe) {
        std::weak_ptr<EngineSession> weak = weak_from_this();
        upgradeDeadline_ = loop_.runAfter(options_.upgradeTimeout, [weak] {
            if (auto self = weak.lock()) {
                self->upgradeDeadline_ = IoLoop::TimerId{};
                self->abandonProbe();
            }
        });
    }
}

void EngineSession::onPollRequest(const PendingReply& reply) {
    if (probe_) {
        // The client may have finished the upgrade (`5`) on the WebSocket just
        // before this GET, which came through another thread: that comes first.
        const std::shared_ptr<WebSocketConnection> probe = probe_;
        probe->readPending();
    }
    if (state_ == State::closed) return reply.sendError(1, "Session ID unknown");
    if (transport_ != Transport::polling) return reply.sendError(3, "Bad request");
    if (pendingPoll_ && !pendingPoll_->done()) {
        // Two GETs at once: the protocol closes the session (the first GET gets the close packet).
        reply.sendError(3, "Bad request");
        close("transport error");
        return;
    }
    pendingPoll_ = reply;
    if (!pollingBuffer_.empty())
        flushPolling();
    else if (probe_)
        answerPoll("6"); // upgrading: release the GET at once
}

void EngineSession::onPostRequest(const std::string& body, const PendingReply& reply) {
    if (state_ == State::closed) return reply.sendError(1, "Session ID unknown");
    if (transport_ != Transport::polling) return reply.sendError(3, "Bad request");
    if (body.size() > options_.maxPayload) {
        close("transport error");
        return reply.sendError(3, "Payload too large", 413);
    }
    std::vector<EnginePacket> packets;
    try {
        packets = PollingPayload::decode(body);
    } catch (const MalformedPacket&) {
        close("parse error");
        return reply.sendError(3, "Bad request");
    }
    auto self = shared_from_this();
    for (auto& packet : packets) {
        if (state_ == State::closed) break;
        onPacket(std::move(packet));
    }
    reply.send(200, "text/html", "ok");
}

void EngineSession::onUpgradeRequest(std::shared_ptr<WebSocketConnection> socket) {
    if (state_ == State::closed || transport_ != Transport::polling || probe_) {
        socket->close(closecode::normal, "upgrade refused");
        return;
    }
    probe_ = std::move(socket);
    probed_ = false;
    attachWebSocket(probe_, true);
}

void EngineSession::onWebSocketMessage(const std::shared_ptr<WebSocketConnection>& socket, bool binary,
                                       std::string payload) {
    if (state_ == State::closed) return;
    if (socket == probe_) {
        try {
            if (binary) throw MalformedPacket("binary probe");
            onProbePacket(EnginePacket::decodeText(payload));
        } catch (const MalformedPacket&) {
            abandonProbe();
        }
        return;
    }
    if (socket != socket_) return;
    if (binary) return onPacket(EnginePacket::bytes(std::move(payload)));
    try {
        onPacket(EnginePacket::decodeText(payload));
    } catch (const MalformedPacket&) {
        close("parse error");
    }
}

void EngineSession::onWebSocketClosed(const std::shared_ptr<WebSocketConnection>& socket, const std::string& reason) {
    if (socket == probe_) {
        probe_.reset();
        loop_.cancel(upgradeDeadline_);
        return;
    }
    if (socket == socket_) {
        socket_.reset();
        finish(reason, true);
    }
}

void EngineSession::onPacket(EnginePacket&& packet) {
    switch (packet.type) {
    case EnginePacket::Type::pong:
        loop_.cancel(pongDeadline_);
        schedulePing();
        break;
    case EnginePacket::Type::message:
        if (handler_) handler_->onMessage(*this, std::move(packet));
        break;
    case EnginePacket::Type::close:
        finish("transport close", true);
        break;
    default:
        break; // ping, upgrade, noop, open: nothing to do outside an upgrade
    }
}

void EngineSession::onProbePacket(const EnginePacket& packet) {
    if (packet.type == EnginePacket::Type::ping && packet.data == "probe") {
        probe_->sendText("3probe");
        probed_ = true;
        if (pendingPoll_) answerPoll("6");
        return;
    }
    if (packet.type == EnginePacket::Type::upgrade && probed_) return completeUpgrade();
    abandonProbe();
}

void EngineSession::completeUpgrade() {
    loop_.cancel(upgradeDeadline_);
    transport_ = Transport::websocket;
    socket_ = std::move(probe_);
    probe_.reset();
    if (pendingPoll_) answerPoll("6");
    pendingPoll_.reset();
    for (const auto& packet : pollingBuffer_) socket_->sendFrame(packet->webSocketFrame);
    pollingBuffer_.clear();
}

void EngineSession::abandonProbe() {
    if (!probe_) return;
    loop_.cancel(upgradeDeadline_);
    auto probe = std::move(probe_);
    probe_.reset();
    probe->close(closecode::normal, "upgrade abandoned");
}

void EngineSession::send(const SharedPacket& packet) {
    if (state_ == State::closed || !packet) return;
    if (transport_ == Transport::websocket) {
        if (socket_) socket_->sendFrame(packet->webSocketFrame);
        return;
    }
    pollingBuffer_.push_back(packet);
    flushPolling();
}

void EngineSession::flushPolling() {
    if (!pendingPoll_ || pollingBuffer_.empty()) return;
    if (pendingPoll_->done()) { // the client gave up on that GET: keep the packets for the next one
        pendingPoll_.reset();
        return;
    }
    std::vector<std::string> entries;
    entries.reserve(pollingBuffer_.size());
    for (const auto& packet : pollingBuffer_) entries.push_back(packet->pollingEntry);
    pollingBuffer_.clear();
    answerPoll(PollingPayload::join(entries));
}

void EngineSession::answerPoll(const std::string& body) {
    if (!pendingPoll_) return;
    const PendingReply reply = *pendingPoll_;
    pendingPoll_.reset();
    reply.send(200, kPollingContentType, body);
}

void EngineSession::schedulePing() {
    loop_.cancel(pingTimer_);
    std::weak_ptr<EngineSession> weak = weak_from_this();
    pingTimer_ = loop_.runAfter(options_.pingInterval, [weak] {
        auto self = weak.lock();
        if (!self || self->state_ == State::closed) return;
        self->pingTimer_ = IoLoop::TimerId{};
        self->send(pingPacket());
        self->loop_.cancel(self->pongDeadline_);
        self->pongDeadline_ = self->loop_.runAfter(self->options_.pingTimeout, [weak] {
            if (auto session = weak.lock()) {
                session->pongDeadline_ = IoLoop::TimerId{};
                session->close("ping timeout");
            }
        });
    });
}

void EngineSession::close(const std::string& reason) {
    finish(reason, false);
}

void EngineSession::finish(const std::string& reason, bool clientInitiated) {
    if (state_ == State::closed) return;
    auto self = shared_from_this();
    state_ = State::closed;
    loop_.cancel(pingTimer_);
    loop_.cancel(pongDeadline_);
    loop_.cancel(upgradeDeadline_);
    // A waiting GET learns the end: noop when the client closed, close packet when we did.
    if (pendingPoll_) answerPoll(clientInitiated ? "6" : "1");
    pollingBuffer_.clear();
    if (probe_) probe_->close(closecode::normal, reason);
    probe_.reset();
    if (socket_) socket_->close(closecode::normal, reason);
    socket_.reset();
    if (handler_) handler_->onClose(*this, reason);
    if (onClosed_) onClosed_(sid_);
}

} // namespace motel::realtime
