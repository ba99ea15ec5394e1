#pragma once
/// What a plugin may know about the host it runs in.

#include <motel/sdk/Settings.h>

#include <Poco/Timestamp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace motel::sdk {

/// HTTP traffic over the last minute, measured by the host for every request
/// (what the runbook's response-time and error-rate alerts are about).
struct TrafficStats {
    double windowSeconds = 60;
    std::uint64_t requests = 0;
    std::uint64_t serverErrors = 0; ///< responses with status >= 500
    double averageMs = 0;
    double p95Ms = 0;
};

class HostInfo {
public:
    virtual ~HostInfo() = default;
    virtual std::string version() const = 0;
    /// `development` or `production` (`motel.env`).
    virtual std::string environment() const = 0;
    bool isProduction() const { return environment() == "production"; }
    virtual Poco::Timestamp startedAt() const = 0;
    /// True once every loaded plugin's start() has returned.
    virtual bool allPluginsStarted() const = 0;
    virtual std::vector<std::string> loadedPlugins() const = 0;
    /// The host-wide keys (`http.*`, `db.*`, `redis.url`, `jwt.*`,
    /// `cors.origins`, `motel.env`), environment overrides applied; never the
    /// `plugins.*` blocks of other plugins.
    virtual const Settings& settings() const = 0;
    virtual TrafficStats recentTraffic() const = 0;
};

} // namespace motel::sdk
