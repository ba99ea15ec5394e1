#pragma once
/// The `health` plugin: `/health`, `/health/live` and `/health/ready` for
/// operators, Kubernetes/Docker probes and monitoring (contract: docs/openapi.yaml,
/// Health). Depends on no other plugin, so `plugins.load=health` alone
/// serves its probes.
///
/// start() registers the built-in checks with the host's HealthRegistry —
/// `database`, `memory`, `http`, and `redis` when `redis.url` is set — beside
/// any check other plugins register (the realtime plugin adds `websocket`).

#include "DatabaseProbe.h"

#include <motel/sdk/Plugin.h>

#include <memory>

namespace motel::health {

class HealthPlugin : public sdk::Plugin {
public:
    sdk::PluginInfo info() const override;
    /// The rules between keys, before any migration.
    std::vector<std::string> checkSettings(const sdk::Settings& settings, const sdk::HostInfo& host) const override;
    void start(sdk::PluginContext& context) override;
    void stop() noexcept override;

private:
    std::shared_ptr<DatabaseProbe> database_;
};

} // namespace motel::health
