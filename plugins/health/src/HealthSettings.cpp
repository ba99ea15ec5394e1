#include "HealthSettings.h"

#include <map>
#include <sstream>

namespace motel::health {

namespace {

double positive(const sdk::Settings& config, const std::string& key, double fallback, double max) {
    const double value = config.getDouble(key, fallback);
    if (!(value > 0) || value > max) {
        std::ostringstream message;
        message << config.prefix() << key << "='" << config.getString(key)
                << "': expected a number above 0 and at most " << max;
        throw sdk::ConfigError(message.str());
    }
    return value;
}

/// Each warning threshold with its critical one.
const char* const kThresholdPairs[][2] = {{"memoryWarningPercent", "memoryCriticalPercent"},
                                          {"responseTimeWarningMs", "responseTimeCriticalMs"},
                                          {"errorRateWarningPercent", "errorRateCriticalPercent"}};

std::chrono::milliseconds timeout(const sdk::Settings& config, const std::string& key,
                                  std::chrono::milliseconds fallback) {
    const auto value = config.getDuration(key, fallback);
    if (value.count() <= 0)
        throw sdk::ConfigError(config.prefix() + key + "='" + config.getString(key) +
                               "': expected a duration above 0 (250ms, 2s)");
    return value;
}

} // namespace

std::vector<std::string> HealthSettings::orderProblems(const sdk::Settings& config) {
    const HealthSettings d;
    const std::map<std::string, double> defaults{{"memoryWarningPercent", d.memoryWarningPercent},
                                                 {"memoryCriticalPercent", d.memoryCriticalPercent},
                                                 {"responseTimeWarningMs", d.responseTimeWarningMs},
                                                 {"responseTimeCriticalMs", d.responseTimeCriticalMs},
                                                 {"errorRateWarningPercent", d.errorRateWarningPercent},
                                                 {"errorRateCriticalPercent", d.errorRateCriticalPercent}};
    std::vector<std::string> problems;
    for (const auto& [warningKey, criticalKey] : kThresholdPairs) {
        const double warning = config.getDouble(warningKey, defaults.at(warningKey));
        const double critical = config.getDouble(criticalKey, defaults.at(criticalKey));
        if (warning <= critical) continue;
        std::ostringstream message;
        message << config.prefix() << warningKey << "='" << warning << "': expected at most " << config.prefix()
                << criticalKey << " (" << critical << ")";
        problems.push_back(message.str());
    }
    return problems;
}

HealthSettings HealthSettings::fromSettings(const sdk::Settings& config) {
    if (const auto problems = orderProblems(config); !problems.empty()) {
        std::string text;
        for (const auto& problem : problems) text += (text.empty() ? "" : "; ") + problem;
        throw sdk::ConfigError(text);
    }
    HealthSettings s;
    constexpr double noLimit = 1e12;
    s.memoryWarningPercent = positive(config, "memoryWarningPercent", s.memoryWarningPercent, 100);
    s.memoryCriticalPercent = positive(config, "memoryCriticalPercent", s.memoryCriticalPercent, 100);
    s.memoryLimitBytes = static_cast<std::uint64_t>(config.getInt("memoryLimitMB", 0, 0, 1LL << 40)) * 1024 * 1024;

    s.responseTimeWarningMs = positive(config, "responseTimeWarningMs", s.responseTimeWarningMs, noLimit);
    s.responseTimeCriticalMs = positive(config, "responseTimeCriticalMs", s.responseTimeCriticalMs, noLimit);
    const std::string statistic = config.getString("responseTimeStatistic", "average");
    if (statistic != "average" && statistic != "p95")
        throw sdk::ConfigError(config.prefix() + "responseTimeStatistic='" + statistic + "': expected average or p95");
    s.judgeP95 = statistic == "p95";

    s.errorRateWarningPercent = positive(config, "errorRateWarningPercent", s.errorRateWarningPercent, 100);
    s.errorRateCriticalPercent = positive(config, "errorRateCriticalPercent", s.errorRateCriticalPercent, 100);

    s.checkTimeout = timeout(config, "checkTimeout", s.checkTimeout);
    s.readyTimeout = timeout(config, "readyTimeout", s.readyTimeout);
    s.redisTimeout = timeout(config, "redisTimeout", s.redisTimeout);
    return s;
}

std::vector<sdk::SettingSpec> HealthSettings::specs() {
    using sdk::SettingSpec;
    const HealthSettings d;
    const auto ms = [](std::chrono::milliseconds value) { return std::to_string(value.count()) + "ms"; };
    const double noLimit = 1e9;
    return {
        SettingSpec::number("memoryWarningPercent", d.memoryWarningPercent, 0, 100,
                            "resident memory vs limit above which the memory check is degraded"),
        SettingSpec::number("memoryCriticalPercent", d.memoryCriticalPercent, 0, 100,
                            "resident memory vs limit above which the memory check is unhealthy"),
        SettingSpec::integer("memoryLimitMB", 0, 0, 1LL << 40, "override the detected memory limit (0: cgroup / RAM)"),
        SettingSpec::number("responseTimeWarningMs", d.responseTimeWarningMs, 0, noLimit,
                            "HTTP response time over the last minute above which http is degraded"),
        SettingSpec::number("responseTimeCriticalMs", d.responseTimeCriticalMs, 0, noLimit,
                            "HTTP response time over the last minute above which http is unhealthy"),
        SettingSpec::oneOf("responseTimeStatistic", "average", {"average", "p95"},
                           "which response-time figure the thresholds judge"),
        SettingSpec::number("errorRateWarningPercent", d.errorRateWarningPercent, 0, 100,
                            "share of 5xx responses over the last minute above which http is degraded"),
        SettingSpec::number("errorRateCriticalPercent", d.errorRateCriticalPercent, 0, 100,
                            "share of 5xx responses over the last minute above which http is unhealthy"),
        SettingSpec::duration("checkTimeout", ms(d.checkTimeout), "bound of each built-in check in /health",
                              std::chrono::milliseconds(1)),
        SettingSpec::duration("readyTimeout", ms(d.readyTimeout), "bound of the database probe of /health/ready",
                              std::chrono::milliseconds(1)),
        SettingSpec::duration("redisTimeout", ms(d.redisTimeout), "connect and command timeout of the Redis PING",
                              std::chrono::milliseconds(1)),
    };
}

} // namespace motel::health
