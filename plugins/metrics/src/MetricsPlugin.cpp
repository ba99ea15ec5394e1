#include "MetricsPlugin.h"

#include "MetricsEndpoints.h"
#include "StandardMetrics.h"

#include <Poco/Logger.h>

#include <memory>

namespace motel::metrics {

sdk::PluginInfo MetricsPlugin::info() const {
    sdk::PluginInfo info{"metrics", "1.0.0", "Prometheus and JSON metrics", {}};
    info.settings = {sdk::SettingSpec::secret("token", "when set, /metrics* require Authorization: Bearer <token>")};
    return info;
}

void MetricsPlugin::start(sdk::PluginContext& context) {
    const std::string token = context.config().getString("token");
    const sdk::HostInfo& host = context.host();
    StandardMetrics standard(context.metrics(), host.version(), host.startedAt(), [&host] { return host.memory(); });
    standard.registerAll();

    auto endpoints = std::make_shared<MetricsEndpoints>(context.metrics(), MetricsTokenGuard(token));
    endpoints->registerRoutes(context.routes());
    if (token.empty())
        context.logger().information("metrics are public (set plugins.metrics.token to require a bearer token)");
}

} // namespace motel::metrics
