#pragma once
/// Judging a health figure against its thresholds the same way in every
/// check, so `/health` can say which threshold made a check `degraded` or
/// `down`: the crossing is recorded in the result's details as
///
///   "threshold": {"figure": "usagePercent", "value": 196.0,
///                 "limit": 95.0, "level": "critical"}
///
/// (the worst crossing when a check judges several figures). Header-only.

#include <motel/sdk/Health.h>

#include <Poco/JSON/Object.h>

#include <cmath>
#include <string>

namespace motel::sdk {

/// Raises `result.level` to warning when `value` > `warningAbove`, to
/// critical when `value` > `criticalAbove`, and records the crossing unless
/// a worse one is already recorded. Creates `result.details` if needed.
inline void judgeAbove(HealthResult& result, const std::string& figure, double value, double warningAbove,
                       double criticalAbove) {
    const HealthLevel level = value > criticalAbove  ? HealthLevel::critical
                              : value > warningAbove ? HealthLevel::warning
                                                     : HealthLevel::ok;
    if (level == HealthLevel::ok) return;
    if (!result.details) result.details = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    if (result.details->has("threshold") && level <= result.level) return;
    if (level > result.level) result.level = level;
    Poco::JSON::Object::Ptr crossing = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    crossing->set("figure", figure);
    crossing->set("value", std::round(value * 100) / 100); // judged exactly, shown to two decimals
    crossing->set("limit", level == HealthLevel::critical ? criticalAbove : warningAbove);
    crossing->set("level", std::string(level == HealthLevel::critical ? "critical" : "warning"));
    result.details->set("threshold", crossing);
}

} // namespace motel::sdk
