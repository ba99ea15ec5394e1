#pragma once
// The HTTP metrics every request feeds: http_requests_total,
// http_request_duration_seconds and http_request_errors_total, labelled by
// method, route template and status. Instruments are looked up in the
// registry once per label set and kept, because a registry lookup (label map,
// family lock, hashing) per request costs more than serving /health/live.
//
// Every label comes from a closed set, so no request can add a series: the
// method is one of the standard ones or `other`, the route is a registered
// template (or the caller's fixed `unmatched` / `preflight`), the status a
// three-digit code (anything else counts as `other`). An invented method or a
// random path once added a series per request, without login.

#include <motel/sdk/Metrics.h>

#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace motel::host {

class HttpMetrics {
public:
    explicit HttpMetrics(sdk::MetricsRegistry& registry) : registry_(registry) {}

    /// `route` must already be a template or a fixed word, never a raw path.
    /// `countsAsError` false keeps a 5xx out of http_request_errors_total
    /// (health probes: a 503 from /health is an answer, not an API failure).
    void record(const std::string& method, const std::string& route, int status, double seconds,
                bool countsAsError = true);

    /// The `method` label: the request method when it is one the host knows
    /// (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS), otherwise `other`.
    static const std::string& methodLabel(const std::string& method);
    /// The `status` label: the code for 100..599, otherwise `other`.
    static std::string statusLabel(int status);

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
