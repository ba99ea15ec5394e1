#pragma once
/// The `metrics` plugin: serves the host's metrics registry at `/metrics`
/// (JSON) and `/metrics/prometheus` (text format 0.0.4), optionally behind a
/// bearer token (`plugins.metrics.token`), and makes every documented
/// `motel_*` name exist from the first scrape (StandardMetrics). Depends on
/// no other plugin. The HTTP request metrics are recorded by the host itself.

#include <motel/sdk/Plugin.h>

namespace motel::metrics {

class MetricsPlugin : public sdk::Plugin {
public:
    sdk::PluginInfo info() const override;
    /// The rules between keys, before any migration.
    std::vector<std::string> checkSettings(const sdk::Settings& settings, const sdk::HostInfo& host) const override;
    void start(sdk::PluginContext& context) override;
};

} // namespace motel::metrics
