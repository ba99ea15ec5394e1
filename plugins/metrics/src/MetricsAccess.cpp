#include "MetricsAccess.h"

namespace motel::metrics {

MetricsAccess MetricsAccess::decide(const sdk::Settings& config, bool production) {
    const std::string token = config.getString("token");
    // An empty value (an unset variable in compose: METRICS_PUBLIC=) is no choice.
    const bool publicSet = !config.getString("public").empty();
    const bool isPublic = publicSet && config.getBool("public", false);
    if (!token.empty()) {
        if (isPublic)
            throw sdk::ConfigError(config.prefix() + "public=true contradicts " + config.prefix() +
                                   "token: choose one");
        return {MetricsTokenGuard(token), "metrics require the bearer token (plugins.metrics.token)", false};
    }
    if (isPublic) return {MetricsTokenGuard(""), "metrics are public (plugins.metrics.public=true)", production};
    if (publicSet)
        return {MetricsTokenGuard::closed(), "metrics are closed (plugins.metrics.public=false, no token)", false};
    if (production)
        return {MetricsTokenGuard::closed(),
                "motel.env=production: /metrics and /metrics/prometheus answer 403 until you set "
                "plugins.metrics.token (a bearer token for the scraper) or plugins.metrics.public=true",
                true};
    return {MetricsTokenGuard(""), "metrics are public (set plugins.metrics.token to require a bearer token)", false};
}

} // namespace motel::metrics
