#include "engine/EngineServer.h"

#include "io/RandomId.h"
#include "json/JsonText.h"
#include "websocket/WebSocketHandshake.h"

#include <motel/sdk/Exchange.h>

#include <unistd.h>

namespace motel::realtime {

namespace {

/// Closes an adopted descriptor nobody got to use (loop stopped first).
struct AdoptedFd {
    int fd;
    explicit AdoptedFd(int descriptor) : fd(descriptor) {}
    ~AdoptedFd() {
        if (fd >= 0) ::close(fd);
    }
    int release() {
        const int out = fd;
        fd = -1;
        return out;
    }
};

} // namespace

EngineServer::EngineServer(EngineOptions options, IoLoopGroup& loops, HandlerFactory factory, CorsHeaders cors)
    : options_(options), loops_(loops), factory_(std::move(factory)), cors_(std::move(cors)) {}

EngineServer::~EngineServer() = default;

void EngineServer::fail(sdk::Response& response, int code, const std::string& message) {
    std::string body = "{\"code\":" + std::to_string(code) + ",\"message\":";
    JsonText::writeString(message, body);
    body += '}';
    response.text(code == 4 ? 403 : 400, "application/json", std::move(body));
}

void EngineServer::handle(const sdk::Request& request, sdk::Response& response) {
    const std::string transport = request.queryValue("transport").value_or("");
    if (transport != "polling" && transport != "websocket") return fail(response, 0, "Transport unknown");
    if (request.queryValue("EIO").value_or("") != "4") return fail(response, 5, "Unsupported protocol version");
    const auto sid = request.queryValue("sid");
    const bool upgrade = WebSocketHandshake::isUpgradeRequest(request);

    if (!sid) {
        if (request.method != "GET") return fail(response, 2, "Bad handshake method");
        if (draining_) {
            // Not an Engine.IO error: the proxy may try another host (nginx: http_503).
            response.text(503, "application/json", R"({"code":503,"message":"Server shutting down"})");
            return;
        }
        if (transport == "websocket") {
            if (!upgrade) return fail(response, 3, "Bad request");
            return acceptWebSocket(request, response, "");
        }
        return openPolling(request, response);
    }

    const auto session = find(*sid);
    if (!session) return fail(response, 1, "Session ID unknown");
    if (transport == "websocket") {
        // A WebSocket for a session that cannot upgrade (already upgraded or
        // upgrading) is accepted and then closed, as the official server does:
        // clients expect a close, not an HTTP error.
        if (!upgrade) return fail(response, 3, "Bad request");
        return acceptWebSocket(request, response, *sid);
    }
    if (request.method != "GET" && request.method != "POST") return fail(response, 3, "Bad request");

    const PendingReply reply(request, cors_.for_(request));
    if (request.method == "GET") {
        session->loop().post([session, reply] { session->onPollRequest(reply); });
    } else {
        session->loop().post([session, reply, body = request.body] { session->onPostRequest(body, reply); });
    }
    reply.finish(response);
}

void EngineServer::openPolling(const sdk::Request& request, sdk::Response& response) {
    IoLoop& loop = loops_.next();
    auto session = createSession(loop);
    const PendingReply reply(request, cors_.for_(request));
    loop.post([this, session, reply] {
        session->setHandler(factory_(*session));
        session->openWithPolling(reply);
    });
    reply.finish(response);
}

void EngineServer::acceptWebSocket(const sdk::Request& request, sdk::Response& response, const std::string& sid) {
    if (!WebSocketHandshake::problemWith(request).empty() || !request.exchange) {
        return fail(response, 3, "Bad request");
    }
    WebSocketHandshake::accept(request, response);
    request.exchange->takeOver(
        [this, sid](int fd, std::string alreadyRead) { adoptWebSocket(fd, std::move(alreadyRead), sid); });
}

void EngineServer::adoptWebSocket(int fd, std::string alreadyRead, const std::string& sid) {
    auto owned = std::make_shared<AdoptedFd>(fd);
    std::shared_ptr<EngineSession> existing;
    if (!sid.empty()) {
        existing = find(sid);
        if (!existing) return; // closed meanwhile: the fd closes with `owned`
    }
    // A new session stays on the loop that served the upgrade; an upgrading
    // one lives on its own loop, where its polling state is.
    IoLoop& loop = existing ? existing->loop() : loops_.currentOrNext();
    const WebSocketConnection::Limits limits{options_.maxPayload, options_.sendTimeout, options_.maxQueuedBytes};
    loop.post([this, &loop, owned, existing, limits, alreadyRead = std::move(alreadyRead)] {
        auto socket = std::make_shared<WebSocketConnection>(loop, owned->release(), limits);
        if (existing) {
            existing->onUpgradeRequest(socket);
        } else {
            auto session = createSession(loop);
            session->setHandler(factory_(*session));
            session->openWithWebSocket(socket);
        }
        socket->open(alreadyRead);
    });
}

std::shared_ptr<EngineSession> EngineServer::createSession(IoLoop& loop) {
    auto session = std::make_shared<EngineSession>(loop, RandomId::make(), options_,
                                                   [this](const std::string& sid) { forget(sid); });
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_[session->sid()] = session;
    return session;
}

void EngineServer::forget(const std::string& sid) {
    std::shared_ptr<EngineSession> last; // released outside the lock
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = sessions_.find(sid);
    if (found == sessions_.end()) return;
    last = std::move(found->second);
    sessions_.erase(found);
}

std::shared_ptr<EngineSession> EngineServer::find(const std::string& sid) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = sessions_.find(sid);
    return found == sessions_.end() ? nullptr : found->second;
}

std::size_t EngineServer::sessionCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sessions_.size();
}

void EngineServer::drain() {
    draining_ = true;
    closeAll();
}

void EngineServer::closeAll() {
    std::vector<std::shared_ptr<EngineSession>> all;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [sid, session] : sessions_) all.push_back(session);
    }
    loops_.runOnAllAndWait([&all](IoLoop& loop) {
        for (const auto& session : all) {
            if (&session->loop() == &loop) session->close("server shutting down");
        }
    });
    // Closed sessions left the table; any left over are destroyed with the
    // server, after the loops have stopped (never under a running loop).
}

} // namespace motel::realtime
