#include "TrafficCheck.h"

#include <motel/sdk/HealthThreshold.h>

#include <cmath>

namespace motel::health {

namespace {

double rounded(double value) {
    return std::round(value * 100) / 100;
}

} // namespace

TrafficCheck::TrafficCheck(Source source, const HealthSettings& settings)
    : source_(std::move(source)), settings_(settings) {}

sdk::HealthResult TrafficCheck::operator()() const {
    return evaluate(source_(), settings_);
}

sdk::HealthResult TrafficCheck::evaluate(const sdk::TrafficStats& traffic, const HealthSettings& settings) {
    sdk::HealthResult result;
    result.up = true;
    const double errorRate =
        traffic.requests > 0 ? 100.0 * static_cast<double>(traffic.serverErrors) / static_cast<double>(traffic.requests)
                             : 0.0;
    result.details = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    result.details->set("requests", static_cast<Poco::UInt64>(traffic.requests));
    result.details->set("averageMs", rounded(traffic.averageMs));
    result.details->set("p95Ms", rounded(traffic.p95Ms));
    result.details->set("errorRatePercent", rounded(errorRate));
    if (traffic.requests == 0) return result;

    const double responseTime = settings.judgeP95 ? traffic.p95Ms : traffic.averageMs;
    sdk::judgeAbove(result, settings.judgeP95 ? "p95Ms" : "averageMs", rounded(responseTime),
                    settings.responseTimeWarningMs, settings.responseTimeCriticalMs);
    sdk::judgeAbove(result, "errorRatePercent", rounded(errorRate), settings.errorRateWarningPercent,
                    settings.errorRateCriticalPercent);
    return result;
}

} // namespace motel::health
