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

/// This process's memory at one moment, measured by the host so every plugin
/// (the `memory` health check, the `motel_memory_*` metrics) reports the
/// same figures.
struct MemoryFigures {
    std::uint64_t heapUsedBytes = 0; ///< bytes malloc has handed out and not taken back
    std::uint64_t residentBytes = 0; ///< resident set size (what the OOM killer counts)
    /// The smallest cgroup memory limit of the process (v2 `memory.max`, v1
    /// `memory.limit_in_bytes`, ancestors included) or the physical RAM when
    /// lower or unset; 0 when unknown.
    std::uint64_t limitBytes = 0;
    std::string limitSource = "unknown"; ///< "cgroup v2", "cgroup v1", "physical" or "unknown"
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
    /// Read now: one small /proc read and one malloc statistics walk, cheap
    /// enough for every scrape or health check. The limit is found once at
    /// host start.
    virtual MemoryFigures memory() const = 0;
};

} // namespace motel::sdk
