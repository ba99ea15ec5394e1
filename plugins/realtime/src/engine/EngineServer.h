#pragma once
/// An Engine.IO v4 server mounted at one path (`/socket.io/`, and
/// `/engine.io/` in compliance mode): validates every request as the
/// specification says (transport, EIO version, sid, handshake method:
/// 400 `{"code","message"}`), opens sessions over polling or WebSocket,
/// routes polling GET/POST and upgrade WebSockets to their session's loop,
/// and takes WebSockets over from the host (Exchange::takeOver). The
/// session table is the only shared state (one mutex).

#include "engine/CorsHeaders.h"
#include "engine/EngineOptions.h"
#include "engine/EngineSession.h"
#include "io/IoLoopGroup.h"

#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace motel::realtime {

class EngineServer {
public:
    /// Builds what runs on top of a new session (called on its loop thread).
    using HandlerFactory = std::function<std::unique_ptr<EngineSessionHandler>(EngineSession&)>;

    EngineServer(EngineOptions options, IoLoopGroup& loops, HandlerFactory factory, CorsHeaders cors);
    ~EngineServer();
    EngineServer(const EngineServer&) = delete;
    EngineServer& operator=(const EngineServer&) = delete;

    /// The route handler for every method on the mount path.
    void handle(const sdk::Request& request, sdk::Response& response);

    /// Adopts a connected WebSocket (already past the 101) for a new session,
    /// or as the upgrade probe of session `sid`. Any thread; takes `fd`.
    void adoptWebSocket(int fd, std::string alreadyRead, const std::string& sid);

    /// Closes every session ("server shutting down") and waits for the loops
    /// to have done it. Not from a loop thread. Stop the loops before
    /// destroying the server.
    void closeAll();
    /// The host is going down: new sessions are refused (503) from now on
    /// and every open one is closed without a Socket.IO DISCONNECT, so
    /// clients reconnect at once — to another host — and recover there.
    /// Not from a loop thread.
    void drain();
    bool draining() const { return draining_.load(); }
    std::size_t sessionCount() const;
    std::shared_ptr<EngineSession> find(const std::string& sid) const;
    const EngineOptions& options() const { return options_; }

private:
    void openPolling(const sdk::Request& request, sdk::Response& response);
    void acceptWebSocket(const sdk::Request& request, sdk::Response& response, const std::string& sid);
    std::shared_ptr<EngineSession> createSession(IoLoop& loop);
    void forget(const std::string& sid);
    static void fail(sdk::Response& response, int code, const std::string& message);

    EngineOptions options_;
    IoLoopGroup& loops_;
    HandlerFactory factory_;
    CorsHeaders cors_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<EngineSession>> sessions_;
    std::atomic<bool> draining_{false};
};

} // namespace motel::realtime
