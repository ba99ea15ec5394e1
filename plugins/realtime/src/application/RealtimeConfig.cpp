#include "application/RealtimeConfig.h"

namespace motel::realtime {

namespace {
/// A phone, a desk board and a few browser tabs each hold one socket.
constexpr std::int64_t kDefaultSocketsPerUser = 20;
} // namespace

RealtimeConfig RealtimeConfig::load(const sdk::Settings& plugin, const sdk::Settings& host) {
    RealtimeConfig config;
    const std::string mode = plugin.getString("mode", "normal");
    if (mode != "normal" && mode != "compliance") {
        throw sdk::ConfigError(plugin.prefix() + "mode: '" + mode + "' is not valid (expected normal or compliance)");
    }
    config.compliance = mode == "compliance";
    config.ioThreads = static_cast<std::size_t>(plugin.getInt("ioThreads", 2, 1, 64));
    config.engine.sendTimeout = plugin.getDuration("sendTimeout", std::chrono::seconds(10));
    config.engine.maxQueuedBytes = static_cast<std::size_t>(plugin.getInt("maxQueuedBytes", 4 << 20, 4096));
    config.engine.upgradeTimeout = plugin.getDuration("upgradeTimeout", std::chrono::seconds(10));
    config.corsOrigins = host.getList("cors.origins");
    if (config.compliance) {
        config.engine.pingInterval = std::chrono::milliseconds(300);
        config.engine.pingTimeout = std::chrono::milliseconds(200);
        config.engine.maxPayload = 1000000;
        config.socketIo.connectTimeout = std::chrono::milliseconds(1000);
        config.socketIo.recoveryWindow = std::chrono::milliseconds(0);
        if (config.corsOrigins.empty()) config.corsOrigins = {"*"};
        return config;
    }
    config.engine.pingInterval = plugin.getDuration("pingInterval", std::chrono::seconds(25));
    config.engine.pingTimeout = plugin.getDuration("pingTimeout", std::chrono::seconds(20));
    config.engine.maxPayload = static_cast<std::size_t>(plugin.getInt("maxPayload", 1000000, 1024, 100000000));
    config.socketIo.connectTimeout = plugin.getDuration("connectTimeout", std::chrono::seconds(45));
    config.socketIo.recoveryWindow = plugin.getDuration("recoveryWindow", std::chrono::minutes(2));
    config.socketIo.maxSocketsPerUser =
        static_cast<std::size_t>(plugin.getInt("maxSocketsPerUser", kDefaultSocketsPerUser, 0, 100000));
    if (config.engine.pingInterval.count() <= 0 || config.engine.pingTimeout.count() <= 0) {
        throw sdk::ConfigError(plugin.prefix() + "pingInterval/pingTimeout must be positive");
    }
    config.redisUrl = host.getString("redis.url");
    config.redisChannel = plugin.getString("redisChannel", "motel:realtime");
    if (config.redisChannel.empty()) throw sdk::ConfigError(plugin.prefix() + "redisChannel must not be empty");
    config.recoveryMaxEvents = static_cast<std::size_t>(plugin.getInt("recoveryMaxEvents", 1000, 1, 1000000));
    config.relayBuffer = static_cast<std::size_t>(plugin.getInt("relayBuffer", 10000, 1, 10000000));
    config.streamMaxLength = static_cast<std::size_t>(plugin.getInt("streamMaxLength", 100000, 100, 100000000));
    config.handlerThreads = static_cast<std::size_t>(plugin.getInt("handlerThreads", 2, 1, 64));
    config.handlerQueue = static_cast<std::size_t>(plugin.getInt("handlerQueue", 1000, 1, 1000000));
    config.handlerBudget = plugin.getDuration("handlerBudget", std::chrono::seconds(5));
    if (config.handlerBudget.count() <= 0) throw sdk::ConfigError(plugin.prefix() + "handlerBudget must be positive");
    return config;
}

} // namespace motel::realtime
