#pragma once
/// The metrics plugin's routes, both public to the host (no JWT) and guarded
/// by MetricsTokenGuard when `plugins.metrics.token` is set:
///
///   GET /metrics/prometheus  Prometheus text format 0.0.4
///                            (`Content-Type: text/plain; version=0.0.4; charset=utf-8`)
///   GET /metrics             the same figures as JSON
///                            (`{"<name>": value | [{"labels":{...},"value":...}]}`)

#include "MetricsTokenGuard.h"

#include <motel/sdk/Metrics.h>
#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>
#include <motel/sdk/Routes.h>

#include <memory>

namespace motel::metrics {

class MetricsEndpoints : public std::enable_shared_from_this<MetricsEndpoints> {
public:
    static constexpr const char* prometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    MetricsEndpoints(sdk::MetricsRegistry& registry, MetricsTokenGuard guard);

    /// Adds both routes; they keep this object alive.
    void registerRoutes(sdk::RouteRegistry& routes);

    void prometheus(const sdk::Request& request, sdk::Response& response) const;
    void json(const sdk::Request& request, sdk::Response& response) const;

private:
    sdk::MetricsRegistry& registry_;
    MetricsTokenGuard guard_;
};

} // namespace motel::metrics
