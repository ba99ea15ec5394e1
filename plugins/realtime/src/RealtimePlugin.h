#pragma once
/// The `realtime` plugin: a Socket.IO v4 server (Engine.IO v4, Socket.IO
/// protocol v5) at `/socket.io/` that the official socket.io-client talks
/// to over long-polling and WebSocket. Authenticates the handshake's JWT
/// with the auth plugin's Authenticator (looked up lazily: `auth` is not a
/// load-time dependency, so the compliance mode runs without it), puts
/// sockets in rooms `user:<id>` and `role:<role>`, and fans the domain
/// events out after commit, across hosts through a Redis stream when
/// `redis.url` is set (then a dropped client recovers on any host: sessions
/// are saved in Redis). On `host.draining` (SIGTERM) it refuses new sessions
/// and closes the open ones so that clients reconnect at once to another
/// host. WebSockets leave the host's HTTP server (Exchange::takeOver) and live
/// on the plugin's own epoll threads; long-polls are deferred replies.
/// Ends the sockets of revoked tokens and users (SessionRevoker; the auth
/// plugin publishes those events on every host) and of expired tokens.
/// Registers the `websocket` health check and the `motel_websocket_*` metrics.
/// Publishes RealtimeHub (motel/plugins/realtime/RealtimeHub.h): other
/// plugins handle client events and emit to users, roles, their rooms or
/// everyone over the same relay.
/// Configuration: see RealtimeConfig.

#include "application/ClientEventDispatcher.h"
#include "application/EventFanout.h"
#include "application/HandlerCallStats.h"
#include "application/HandlerPool.h"
#include "application/HubOutlet.h"
#include "application/RealtimeConfig.h"
#include "application/RealtimeStats.h"
#include "application/SessionRevoker.h"
#include "application/StreamPublisher.h"
#include "application/StreamReader.h"
#include "engine/EngineServer.h"
#include "io/IoLoopGroup.h"
#include "socketio/SocketApplication.h"
#include "socketio/SocketIoServer.h"

#include <motel/sdk/Plugin.h>

#include <memory>
#include <vector>

namespace motel::realtime {

class RealtimePlugin : public sdk::Plugin {
public:
    RealtimePlugin();
    ~RealtimePlugin() override;

    sdk::PluginInfo info() const override;
    void start(sdk::PluginContext& context) override;
    void stop() noexcept override;

private:
    void mount(sdk::RouteRegistry& routes, const std::string& path, EngineServer& server);
    /// The relay and the recovery store through Redis (`redis.url`).
    void startRelay(const RealtimeConfig& config, sdk::PluginContext& context);

    sdk::EventBus* events_ = nullptr;
    RealtimeStats stats_;
    std::unique_ptr<IoLoopGroup> loops_;
    std::unique_ptr<SocketApplication> application_;
    std::unique_ptr<SocketIoServer> socketIo_;
    std::unique_ptr<EngineServer> engine_;
    std::unique_ptr<EngineServer> echo_; ///< compliance mode only
    std::unique_ptr<EventFanout> fanout_;
    std::unique_ptr<StreamPublisher> publisher_;
    std::unique_ptr<StreamReader> reader_;
    std::vector<sdk::EventBus::SubscriptionId> hostSubscriptions_;
    std::unique_ptr<SessionRevoker> revoker_; ///< ends revoked users' and tokens' sockets
    // Other plugins' client events and emits (the published RealtimeHub).
    std::unique_ptr<HandlerPool> handlerPool_;
    HandlerCallStats handlerStats_;
    std::unique_ptr<ClientEventDispatcher> dispatcher_;
    std::shared_ptr<HubOutlet> hubOutlet_;
};

} // namespace motel::realtime
