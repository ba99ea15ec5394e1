#pragma once
/// Everything a plugin can reach in the host, handed to Plugin::start() and
/// valid until Plugin::stop() returns. The references stay valid for that
/// whole time, so a plugin may keep them.

#include <motel/sdk/Cache.h>
#include <motel/sdk/Database.h>
#include <motel/sdk/Events.h>
#include <motel/sdk/Health.h>
#include <motel/sdk/HostInfo.h>
#include <motel/sdk/Jobs.h>
#include <motel/sdk/Metrics.h>
#include <motel/sdk/Routes.h>
#include <motel/sdk/Services.h>
#include <motel/sdk/Settings.h>

#include <Poco/Logger.h>

#include <string>

namespace motel::sdk {

class PluginContext {
public:
    virtual ~PluginContext() = default;
    virtual const std::string& pluginName() const = 0;
    /// This plugin's `plugins.<name>.*` keys, prefix stripped.
    virtual const Settings& config() const = 0;
    virtual const HostInfo& host() const = 0;
    /// A logger named `motel.<plugin>`.
    virtual Poco::Logger& logger() = 0;
    virtual RouteRegistry& routes() = 0;
    virtual Database& database() = 0;
    virtual EventBus& events() = 0;
    virtual Jobs& jobs() = 0;
    virtual Cache& cache() = 0;
    virtual HealthRegistry& health() = 0;
    virtual MetricsRegistry& metrics() = 0;
    virtual ServiceRegistry& services() = 0;
};

} // namespace motel::sdk
