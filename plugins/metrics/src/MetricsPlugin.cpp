#include "MetricsPlugin.h"

#include "MetricsAccess.h"
#include "MetricsEndpoints.h"
#include "StandardMetrics.h"

#include <Poco/Logger.h>

#include <memory>

namespace motel::metrics {

sdk::PluginInfo MetricsPlugin::info() const {
    sdk::PluginInfo info{"metrics", "1.0.0", "Prometheus and JSON metrics", {}};
    // `public` stays text: unset means "public in development, closed in
    // production", which a boolean with a default cannot say (MetricsAccess
    // reads it as a boolean when set).
    info.settings = {sdk::SettingSpec::secret("token", "when set, /metrics* require Authorization: Bearer <token>"),
                     sdk::SettingSpec::text(
                         "public", "", "true: /metrics* public; false: closed (403); unset: closed in production")};
    return info;
}

std::vector<std::string> MetricsPlugin::checkSettings(const sdk::Settings& settings, const sdk::HostInfo& host) const {
    try {
        MetricsAccess::decide(settings, host.isProduction());
    } catch (const sdk::ConfigError& error) {
        return {error.what()};
    }
    return {};
}

void MetricsPlugin::start(sdk::PluginContext& context) {
    MetricsAccess access = MetricsAccess::decide(context.config(), context.host().isProduction());
    const sdk::HostInfo& host = context.host();
    StandardMetrics standard(context.metrics(), host.version(), host.startedAt(), [&host] { return host.memory(); });
    standard.registerAll();

    auto endpoints = std::make_shared<MetricsEndpoints>(context.metrics(), std::move(access.guard));
    endpoints->registerRoutes(context.routes());
    if (access.warn)
        context.logger().warning(access.logMessage);
    else
        context.logger().information(access.logMessage);
}

} // namespace motel::metrics
