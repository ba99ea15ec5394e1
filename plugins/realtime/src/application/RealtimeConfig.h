#pragma once
/// The realtime plugin's configuration, read once at start and validated
/// (a bad value stops the host naming the key).
///
/// `plugins.realtime.*`: `mode` (normal | compliance), `pingInterval` (25s),
/// `pingTimeout` (20s), `maxPayload` (1000000 bytes), `connectTimeout`
/// (45s), `upgradeTimeout` (10s), `sendTimeout` (10s), `maxQueuedBytes`
/// (4194304), `ioThreads` (2), `recoveryWindow` (2m; 0 turns recovery off),
/// `maxSocketsPerUser` (20 sockets of one user on this host; 0: no cap),
/// `redisChannel` (motel:realtime: the Redis stream the hosts share, and the
/// prefix of the saved sessions' keys), `recoveryMaxEvents` (1000: a client
/// that missed more gets a fresh session), `relayBuffer` (10000 events kept
/// while Redis is away), `streamMaxLength` (100000 entries at most in the
/// stream, besides the trim to the recovery window). Host keys:
/// `redis.url`, `cors.origins`.
/// Compliance mode fixes what the official suites expect: pingInterval
/// 300ms, pingTimeout 200ms, maxPayload 1000000, connectTimeout 1s, no
/// recovery, no JWT, and adds the raw Engine.IO echo at `/engine.io/`.

#include "engine/EngineOptions.h"
#include "socketio/SocketIoServer.h"

#include <motel/sdk/Settings.h>

#include <string>
#include <vector>

namespace motel::realtime {

struct RealtimeConfig {
    bool compliance = false;
    EngineOptions engine;
    SocketIoOptions socketIo;
    std::size_t ioThreads = 2;
    std::string redisUrl;
    std::string redisChannel = "motel:realtime";
    std::size_t recoveryMaxEvents = 1000;
    std::size_t relayBuffer = 10000;
    std::size_t streamMaxLength = 100000;
    std::vector<std::string> corsOrigins;
    /// Plugin client-event handlers (RealtimeHub): threads, queued calls, and
    /// how long a client waits for a handler's ack.
    std::size_t handlerThreads = 2;
    std::size_t handlerQueue = 1000;
    std::chrono::milliseconds handlerBudget{5000};

    static RealtimeConfig load(const sdk::Settings& plugin, const sdk::Settings& host);
};

} // namespace motel::realtime
