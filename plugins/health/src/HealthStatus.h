#pragma once
/// How `/health` sums its checks up: any critical check makes the host
/// `unhealthy` (503), any warning `degraded` (200, so orchestrators keep
/// routing traffic while operators are alerted), otherwise `healthy`.
///
/// A check that reports itself down without saying how bad counts as
/// critical; one that is down with an explicit warning (an optional
/// dependency) only degrades the host.

#include <motel/sdk/Health.h>

#include <string>
#include <utility>
#include <vector>

namespace motel::health {

enum class OverallHealth { healthy, degraded, unhealthy };

using CheckResults = std::vector<std::pair<std::string, sdk::HealthResult>>;

class HealthStatus {
public:
    static sdk::HealthLevel effectiveLevel(const sdk::HealthResult& result);
    static OverallHealth overall(const CheckResults& results);
    /// "healthy", "degraded" or "unhealthy".
    static const char* name(OverallHealth health);
    /// 200 for healthy and degraded, 503 for unhealthy.
    static int httpStatus(OverallHealth health);
};

} // namespace motel::health
