#include "RealtimePlugin.h"

#include "application/ComplianceApplication.h"
#include "application/EngineEcho.h"
#include "application/MotelApplication.h"
#include "application/RealtimeHubService.h"
#include "application/RedisRecoveryStore.h"
#include "io/RandomId.h"

#include <motel/sdk/Authenticator.h>
#include <motel/sdk/RedisUrl.h>

namespace motel::realtime {

RealtimePlugin::RealtimePlugin() = default;
RealtimePlugin::~RealtimePlugin() {
    stop();
}

sdk::PluginInfo RealtimePlugin::info() const {
    // No `auth` dependency: the authenticator is looked up on every CONNECT,
    // so the compliance mode loads without the auth plugin and normal mode
    // refuses every CONNECT while no authenticator is registered.
    using sdk::SettingSpec;
    using std::chrono::milliseconds;
    sdk::PluginInfo info{"realtime", "1.0.0", "Socket.IO v4 server: live suite and task events for the board", {}};
    info.settings = {
        SettingSpec::oneOf("mode", "normal", {"normal", "compliance"},
                           "compliance: the Socket.IO conformance test server instead of the board's events"),
        SettingSpec::integer("ioThreads", 2, 1, 64, "event loops serving WebSocket and polling connections"),
        SettingSpec::duration("sendTimeout", "10s", "a WebSocket that accepts no bytes for this long is dropped"),
        SettingSpec::integer("maxQueuedBytes", 4 << 20, 4096, INT64_MAX,
                             "a WebSocket with more unsent bytes is dropped"),
        SettingSpec::duration("upgradeTimeout", "10s", "a probing WebSocket must finish the upgrade by then"),
        SettingSpec::duration("pingInterval", "25s", "Engine.IO ping interval"),
        SettingSpec::duration("pingTimeout", "20s", "Engine.IO ping timeout"),
        SettingSpec::integer("maxPayload", 1000000, 1024, 100000000, "largest Engine.IO message accepted, in bytes"),
        SettingSpec::duration("connectTimeout", "45s", "time a client has to send its Socket.IO CONNECT"),
        SettingSpec::duration("recoveryWindow", "2m",
                              "how long a dropped session can recover its missed events (0: off)"),
        SettingSpec::text("redisChannel", "motel:realtime", "Redis key prefix of the cross-host event relay"),
        SettingSpec::integer("recoveryMaxEvents", 1000, 1, 1000000, "events kept per session for recovery"),
        SettingSpec::integer("relayBuffer", 10000, 1, 10000000, "events buffered while Redis is away"),
        SettingSpec::integer("streamMaxLength", 100000, 100, 100000000, "entries the relay's Redis stream keeps"),
        SettingSpec::integer("maxSocketsPerUser", 20, 0, 100000,
                             "Socket.IO sessions one user may hold on this host (0: no cap); more get CONNECT_ERROR"),
        SettingSpec::integer("handlerThreads", 2, 1, 64, "threads running other plugins' client-event handlers"),
        SettingSpec::integer("handlerQueue", 1000, 1, 1000000,
                             "client events waiting for a handler thread; more are acked 503"),
        SettingSpec::duration("handlerBudget", "5s",
                              "a client-event handler slower than this gets its client a 504 ack"),
    };
    return info;
}

void RealtimePlugin::start(sdk::PluginContext& context) {
    const RealtimeConfig config = RealtimeConfig::load(context.config(), context.host().settings());
    stats_.bind(context.metrics());
    context.health().add("websocket", [this] { return stats_.health(); });

    loops_ = std::make_unique<IoLoopGroup>(config.ioThreads);
    auto registry = std::make_shared<ClientEventRegistry>();
    if (config.compliance) {
        application_ = std::make_unique<ComplianceApplication>();
    } else {
        sdk::ServiceRegistry& services = context.services();
        handlerPool_ = std::make_unique<HandlerPool>(config.handlerThreads, config.handlerQueue);
        handlerStats_.bind(context.metrics());
        dispatcher_ = std::make_unique<ClientEventDispatcher>(registry, *handlerPool_, config.handlerBudget,
                                                              context.logger(), &handlerStats_);
        application_ = std::make_unique<MotelApplication>(
            [&services] { return services.find<sdk::Authenticator>(sdk::kAuthenticatorService); }, dispatcher_.get());
    }
    socketIo_ = std::make_unique<SocketIoServer>(config.socketIo, *loops_, *application_, stats_);
    engine_ = std::make_unique<EngineServer>(config.engine, *loops_, socketIo_->handlerFactory(),
                                             CorsHeaders(config.corsOrigins));
    loops_->start();
    mount(context.routes(), "/socket.io", *engine_);

    if (config.compliance) {
        echo_ = std::make_unique<EngineServer>(
            config.engine, *loops_, [](EngineSession&) { return std::make_unique<EngineEcho>(); },
            CorsHeaders(config.corsOrigins));
        mount(context.routes(), "/engine.io", *echo_);
        context.logger().warning("realtime runs in compliance mode: no authentication, test events only");
        return;
    }

    fanout_ = std::make_unique<EventFanout>(*socketIo_);
    if (!config.redisUrl.empty()) startRelay(config, context);
    events_ = &context.events();
    fanout_->attach(*events_);
    EngineServer* engine = engine_.get();
    hostSubscriptions_.push_back(events_->subscribe("host.draining", [engine](const sdk::Event&) { engine->drain(); }));
    revoker_ = std::make_unique<SessionRevoker>(*socketIo_);
    revoker_->attach(*events_);
    EventFanout* fanout = fanout_.get();
    hubOutlet_ = std::make_shared<HubOutlet>([fanout](RelayMessage message) { fanout->send(std::move(message)); });
    context.services().publish<plugins::realtime::RealtimeHub>(
        std::make_shared<RealtimeHubService>(registry, hubOutlet_, context.logger()));
    context.logger().information(
        "Socket.IO at /socket.io/ on %z I/O threads, pingInterval %ldms, recovery window %ldms%s", loops_->size(),
        static_cast<long>(config.engine.pingInterval.count()),
        static_cast<long>(config.socketIo.recoveryWindow.count()),
        std::string(publisher_ ? ", multi-host through Redis (recovery on any host)" : ", this host only"));
}

void RealtimePlugin::startRelay(const RealtimeConfig& config, sdk::PluginContext& context) {
    sdk::RedisUrl url;
    try {
        url = sdk::RedisUrl::parse(config.redisUrl);
    } catch (const std::invalid_argument& error) {
        throw sdk::ConfigError("redis.url: " + std::string(error.what()));
    }
    StreamPublisher::Options options;
    options.stream = config.redisChannel;
    options.maxBuffered = config.relayBuffer;
    options.maxLength = config.streamMaxLength;
    options.window = config.socketIo.recoveryWindow;
    publisher_ = std::make_unique<StreamPublisher>(url, options, RandomId::make(), context.logger());
    publisher_->bind(context.metrics());
    if (config.socketIo.recoveryWindow.count() > 0) {
        socketIo_->useRecoveryStore(std::make_unique<RedisRecoveryStore>(
            url, config.redisChannel, config.socketIo.recoveryWindow, config.recoveryMaxEvents, context.logger()));
    }
    EventFanout* fanout = fanout_.get();
    SocketIoServer* server = socketIo_.get();
    StreamPublisher* publisher = publisher_.get();
    reader_ = std::make_unique<StreamReader>(
        url, config.redisChannel, [fanout](const StreamEntry& entry) { fanout->onStreamEntry(entry); },
        [server, publisher](const std::string& startId) {
            server->setInitialOffset(startId);
            publisher->allow();
        },
        context.logger());
    fanout_->setRelay(publisher_.get());
    publisher_->start();
    reader_->start();
}

void RealtimePlugin::mount(sdk::RouteRegistry& routes, const std::string& path, EngineServer& server) {
    // Every method reaches Engine.IO, which answers the wrong ones itself
    // (400 "Bad handshake method") as the specification wants.
    for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
        routes.add(
            {method, path, sdk::Access::publicRoute(),
             [&server](const sdk::Request& request, sdk::Response& response) { server.handle(request, response); },
             /*rawBody: Engine.IO payloads are not JSON*/ true});
    }
}

void RealtimePlugin::stop() noexcept {
    try {
        if (fanout_ && events_) fanout_->detach(*events_);
        if (events_)
            for (const auto id : hostSubscriptions_) events_->unsubscribe(id);
        hostSubscriptions_.clear();
        if (revoker_ && events_) revoker_->detach(*events_);
        events_ = nullptr;
        // Channels other plugins still hold refuse from now on; handlers
        // still running finish before the loops and the relay go.
        if (hubOutlet_) hubOutlet_->shutdown();
        if (handlerPool_) handlerPool_->stop();
        // Events of the last requests still reach the other hosts (and the
        // recovery log) before the relay goes.
        if (publisher_) publisher_->stop();
        if (reader_) reader_->stop();
        if (engine_) engine_->closeAll();
        if (echo_) echo_->closeAll();
        if (loops_) loops_->stop();
    } catch (...) {
        // stop() must not throw; the host is going down anyway.
    }
    revoker_.reset();
    hubOutlet_.reset();
    fanout_.reset();
    reader_.reset();
    publisher_.reset();
    echo_.reset();
    engine_.reset();
    socketIo_.reset();
    application_.reset();
    loops_.reset();
    dispatcher_.reset(); // after the loops: their pending budget timers point at it
    handlerPool_.reset();
}

} // namespace motel::realtime
