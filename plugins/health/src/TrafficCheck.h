#pragma once
/// The `http` check of `/health`: the host's HTTP traffic over the last
/// minute (HostInfo::recentTraffic()) judged by the runbook's thresholds —
/// response time > 500 ms warning / > 2000 ms critical, 5xx error rate > 1 %
/// warning / > 5 % critical. With no requests in the window there is nothing
/// to judge and the check is ok.
///
/// Details: `requests`, `averageMs`, `p95Ms`, `errorRatePercent`.

#include "HealthSettings.h"

#include <motel/sdk/Health.h>
#include <motel/sdk/HostInfo.h>

#include <functional>

namespace motel::health {

class TrafficCheck {
public:
    using Source = std::function<sdk::TrafficStats()>;

    TrafficCheck(Source source, const HealthSettings& settings);

    sdk::HealthResult operator()() const;

    static sdk::HealthResult evaluate(const sdk::TrafficStats& traffic, const HealthSettings& settings);

private:
    Source source_;
    HealthSettings settings_;
};

} // namespace motel::health
