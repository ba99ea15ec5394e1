#include "HealthStatus.h"

#include <algorithm>

namespace motel::health {

sdk::HealthLevel HealthStatus::effectiveLevel(const sdk::HealthResult& result) {
    if (!result.up && result.level == sdk::HealthLevel::ok) return sdk::HealthLevel::critical;
    return result.level;
}

OverallHealth HealthStatus::overall(const CheckResults& results) {
    sdk::HealthLevel worst = sdk::HealthLevel::ok;
    for (const auto& entry : results) worst = std::max(worst, effectiveLevel(entry.second));
    switch (worst) {
    case sdk::HealthLevel::critical:
        return OverallHealth::unhealthy;
    case sdk::HealthLevel::warning:
        return OverallHealth::degraded;
    case sdk::HealthLevel::ok:
        break;
    }
    return OverallHealth::healthy;
}

const char* HealthStatus::name(OverallHealth health) {
    switch (health) {
    case OverallHealth::degraded:
        return "degraded";
    case OverallHealth::unhealthy:
        return "unhealthy";
    case OverallHealth::healthy:
        break;
    }
    return "healthy";
}

int HealthStatus::httpStatus(OverallHealth health) {
    return health == OverallHealth::unhealthy ? 503 : 200;
}

} // namespace motel::health
