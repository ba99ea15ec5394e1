#pragma once
/// The three public routes of the health plugin:
///
///   GET /health/live   200 {"status":"ok"} — no I/O at all, answers while
///                      the process serves requests (liveness probe)
///   GET /health/ready  200 {"status":"ok"} once every loaded plugin has
///                      started and the database answers within readyTimeout;
///                      otherwise 503 with the error envelope whose message
///                      names each part that is not ready (readiness probe)
///   GET /health        the full report (HealthDocument), 200 healthy or
///                      degraded, 503 unhealthy
///
/// Both probes recover by themselves: nothing is cached between requests.

#include "DatabaseProbe.h"

#include <motel/sdk/Health.h>
#include <motel/sdk/HostInfo.h>
#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>
#include <motel/sdk/Routes.h>

#include <chrono>
#include <memory>

namespace motel::health {

class HealthEndpoints : public std::enable_shared_from_this<HealthEndpoints> {
public:
    HealthEndpoints(const sdk::HostInfo& host, sdk::HealthRegistry& checks, std::shared_ptr<DatabaseProbe> database,
                    std::chrono::milliseconds readyTimeout);

    /// Adds the three routes; they keep this object alive.
    void registerRoutes(sdk::RouteRegistry& routes);

    void live(const sdk::Request& request, sdk::Response& response) const;
    void ready(const sdk::Request& request, sdk::Response& response) const;
    void health(const sdk::Request& request, sdk::Response& response) const;

private:
    const sdk::HostInfo& host_;
    sdk::HealthRegistry& checks_;
    std::shared_ptr<DatabaseProbe> database_;
    std::chrono::milliseconds readyTimeout_;
};

} // namespace motel::health
