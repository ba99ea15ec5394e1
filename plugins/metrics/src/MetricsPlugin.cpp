#include "MetricsPlugin.h"

#include "MemoryLimit.h"
#include "MetricsEndpoints.h"
#include "StandardMetrics.h"

#include <Poco/Logger.h>

#include <memory>

namespace motel::metrics {

sdk::PluginInfo MetricsPlugin::info() const {
    return sdk::PluginInfo{"metrics", "1.0.0", "Prometheus and JSON metrics", {}};
}

void MetricsPlugin::start(sdk::PluginContext& context) {
    const std::string token = context.config().getString("token");
    StandardMetrics standard(context.metrics(), context.host().version(), context.host().startedAt(),
                             health::MemoryLimit().bytes());
    standard.registerAll();

    auto endpoints = std::make_shared<MetricsEndpoints>(context.metrics(), MetricsTokenGuard(token));
    endpoints->registerRoutes(context.routes());
    if (token.empty())
        context.logger().information("metrics are public (set plugins.metrics.token to require a bearer token)");
}

} // namespace motel::metrics
