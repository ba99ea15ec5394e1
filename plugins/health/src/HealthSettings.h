#pragma once
/// The health plugin's configuration (`plugins.health.*`), read and validated
/// once at start. Defaults are the runbook's alert thresholds.
///
///   memoryWarningPercent      80    resident memory vs limit: > warning → degraded
///   memoryCriticalPercent     90                              > critical → unhealthy
///   memoryLimitMB             0     override the detected limit (0: cgroup / RAM)
///   responseTimeWarningMs     500   HTTP response time over the last minute
///   responseTimeCriticalMs    2000
///   responseTimeStatistic     average  or p95: which figure the thresholds judge
///   errorRateWarningPercent   1     share of 5xx responses over the last minute
///   errorRateCriticalPercent  5
///   checkTimeout              2s    bound of each built-in check in /health
///   readyTimeout              800ms bound of the database probe of /health/ready
///                                   (keep it below the orchestrator's probe timeout)
///   redisTimeout              1s    connect and command timeout of the Redis PING

#include <motel/sdk/SettingSpec.h>
#include <motel/sdk/Settings.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace motel::health {

struct HealthSettings {
    double memoryWarningPercent = 80;
    double memoryCriticalPercent = 90;
    std::uint64_t memoryLimitBytes = 0; ///< 0: detect
    double responseTimeWarningMs = 500;
    double responseTimeCriticalMs = 2000;
    bool judgeP95 = false; ///< responseTimeStatistic=p95
    double errorRateWarningPercent = 1;
    double errorRateCriticalPercent = 5;
    std::chrono::milliseconds checkTimeout{2000};
    std::chrono::milliseconds readyTimeout{800};
    std::chrono::milliseconds redisTimeout{1000};

    /// Reads the plugin's keys; throws sdk::ConfigError naming the key, the
    /// value and what was expected (including a warning above its critical).
    static HealthSettings fromSettings(const sdk::Settings& config);
    /// The rules between keys, every one broken: a warning threshold above
    /// its critical one (HealthPlugin::checkSettings, before any migration).
    static std::vector<std::string> orderProblems(const sdk::Settings& config);
    /// The declarations of every key above (PluginInfo::settings), defaults
    /// taken from this struct's.
    static std::vector<sdk::SettingSpec> specs();
};

} // namespace motel::health
