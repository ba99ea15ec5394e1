#pragma once
// The HTTP metrics every request feeds: http_requests_total,
// http_request_duration_seconds and http_request_errors_total, labelled by
// method, route template and status. Instruments are looked up in the
// registry once per label set and kept, because a registry lookup (label map,
// family lock, hashing) per request costs more than serving /health/live.

#include <motel/sdk/Metrics.h>

#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace motel::host {

class HttpMetrics {
public:
    explicit HttpMetrics(sdk::MetricsRegistry& registry) : registry_(registry) {}

    /// `countsAsError` false keeps a 5xx out of http_request_errors_total
    /// (health probes: a 503 from /health is an answer, not an API failure).
    void record(const std::string& method, const std::string& route, int status, double seconds,
                bool countsAsError = true);

private:
    struct Instruments {
        sdk::Counter* requests = nullptr;
        sdk::Histogram* duration = nullptr;
        sdk::Counter* errors = nullptr; ///< only for status >= 500
    };
    sdk::MetricsRegistry& registry_;
    std::shared_mutex mutex_;
    std::unordered_map<std::string, Instruments> instruments_;

    Instruments lookUp(const std::string& method, const std::string& route, int status);
};

} // namespace motel::host
