#pragma once
// The PluginContext a plugin receives: its own settings and logger, its own
// route registry (routes tagged with its name), and the host's shared
// services. One per plugin, alive from before start() until after stop().

#include "routing/Router.h"

#include <motel/sdk/PluginContext.h>

namespace motel::host {

/// The services every plugin context points to; owned by the host runtime.
struct HostServices {
    sdk::HostInfo& hostInfo;
    sdk::Database& database;
    sdk::EventBus& events;
    sdk::Jobs& jobs;
    sdk::Cache& cache;
    sdk::HealthRegistry& health;
    sdk::MetricsRegistry& metrics;
    sdk::ServiceRegistry& services;
    Router& router;
};

class PluginContextImpl : public sdk::PluginContext {
public:
    PluginContextImpl(std::string pluginName, sdk::Settings config, HostServices& services);

    const std::string& pluginName() const override { return name_; }
    const sdk::Settings& config() const override { return config_; }
    const sdk::HostInfo& host() const override { return services_.hostInfo; }
    Poco::Logger& logger() override { return logger_; }
    sdk::RouteRegistry& routes() override { return routes_; }
    sdk::Database& database() override { return services_.database; }
    sdk::EventBus& events() override { return services_.events; }
    sdk::Jobs& jobs() override { return services_.jobs; }
    sdk::Cache& cache() override { return services_.cache; }
    sdk::HealthRegistry& health() override { return services_.health; }
    sdk::MetricsRegistry& metrics() override { return services_.metrics; }
    sdk::ServiceRegistry& services() override { return services_.services; }

private:
    std::string name_;
    sdk::Settings config_;
    HostServices& services_;
    Poco::Logger& logger_;
    PluginRoutes routes_;
};

} // namespace motel::host
