#include "MetricsPlugin.h"

#include "MemoryLimit.h"
#include "MetricsAccess.h"
#include "MetricsEndpoints.h"
#include "StandardMetrics.h"

#include <Poco/Logger.h>

#include <memory>

namespace motel::metrics {

sdk::PluginInfo MetricsPlugin::info() const {
    return sdk::PluginInfo{"metrics", "1.0.0", "Prometheus and JSON metrics", {}};
}

void MetricsPlugin::start(sdk::PluginContext& context) {
    MetricsAccess access = MetricsAccess::decide(context.config(), context.host().isProduction());
    StandardMetrics standard(context.metrics(), context.host().version(), context.host().startedAt(),
                             health::MemoryLimit().bytes());
    standard.registerAll();

    auto endpoints = std::make_shared<MetricsEndpoints>(context.metrics(), std::move(access.guard));
    endpoints->registerRoutes(context.routes());
    if (access.warn)
        context.logger().warning(access.logMessage);
    else
        context.logger().information(access.logMessage);
}

} // namespace motel::metrics
