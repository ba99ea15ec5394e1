#pragma once
/// Builds the body of `GET /health`, exactly as the contract shows it:
///
///   {"status":"healthy|degraded|unhealthy","timestamp":"...Z","version":"...",
///    "uptime":<seconds>,"checks":{"database":{"status":"up","responseTime":3.2},
///    "websocket":{"status":"up","details":{"connectedUsers":0}},
///    "memory":{"status":"up","details":{"heapUsedMB":12,...}}, ...}}
///
/// Keys keep this order. `database`, `websocket` and `memory` come first,
/// then every other check in registration order. When no plugin registered a
/// `websocket` check (the realtime plugin is not loaded), it is rendered up
/// with zero connected users so the documented shape always holds.

#include "HealthStatus.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace motel::health {

class HealthDocument {
public:
    /// The checks in the documented order, with the websocket stand-in added.
    static CheckResults arrange(CheckResults results);
    /// `results` as arrange() returned them.
    static Poco::JSON::Object::Ptr render(const CheckResults& results, OverallHealth health,
                                          const std::string& timestamp, const std::string& version,
                                          double uptimeSeconds);
    /// `{"status":"up|degraded|down"[,"responseTime":ms][,"details":{...}]}`
    static Poco::JSON::Object::Ptr renderCheck(const sdk::HealthResult& result);
    /// A check's own status, so the check that made the host degraded or
    /// unhealthy is the one that says so: `down` when it is down or its
    /// figure crossed a critical threshold, `degraded` when up past a
    /// warning threshold, `up` otherwise. The top-level status is the worst
    /// of them (HealthStatus::overall).
    static const char* checkStatus(const sdk::HealthResult& result);
    /// The stand-in websocket check: up, `{"connectedUsers":0}`.
    static sdk::HealthResult idleWebsocket();
};

} // namespace motel::health
