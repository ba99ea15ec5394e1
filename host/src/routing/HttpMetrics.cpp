#include "routing/HttpMetrics.h"

#include <array>
#include <mutex>
#include <vector>

namespace motel::host {

namespace {
const std::vector<double> kDurationBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
} // namespace

const std::string& HttpMetrics::methodLabel(const std::string& method) {
    static const std::array<std::string, 7> known{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    static const std::string other = "other";
    for (const std::string& name : known)
        if (name == method) return name;
    return other;
}

std::string HttpMetrics::statusLabel(int status) {
    return status >= 100 && status <= 599 ? std::to_string(status) : std::string("other");
}

void HttpMetrics::record(const std::string& method, const std::string& route, int status, double seconds,
                         bool countsAsError) {
    const Instruments instruments = lookUp(methodLabel(method), route, status);
    instruments.requests->increment();
    instruments.duration->observe(seconds);
    if (instruments.errors && countsAsError) instruments.errors->increment();
}

HttpMetrics::Instruments HttpMetrics::lookUp(const std::string& method, const std::string& route, int status) {
    std::string key;
    key.reserve(method.size() + route.size() + 8);
    const std::string statusText = statusLabel(status);
    key.append(method).append(1, '\n').append(route).append(1, '\n').append(statusText);
    {
        std::shared_lock<std::shared_mutex> read(mutex_);
        auto found = instruments_.find(key);
        if (found != instruments_.end()) return found->second;
    }
    const sdk::Labels labels{{"method", method}, {"route", route}, {"status", statusText}};
    Instruments created;
    created.requests = &registry_.counter("http_requests_total", "HTTP requests answered", labels);
    created.duration = &registry_.histogram("http_request_duration_seconds", "HTTP request duration in seconds",
                                            kDurationBuckets, labels);
    if (status >= 500)
        created.errors =
            &registry_.counter("http_request_errors_total", "HTTP requests answered with a 5xx status", labels);
    std::unique_lock<std::shared_mutex> write(mutex_);
    return instruments_.emplace(std::move(key), created).first->second;
}

} // namespace motel::host
