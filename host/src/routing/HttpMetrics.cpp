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
    // The key is built in a buffer each thread keeps, so a known label set
    // costs no allocation; the status goes in as a number (3 digits or
    // `other`'s 0).
    thread_local std::string key;
    const int statusKey = status >= 100 && status <= 599 ? status : 0;
    key.clear();
    key.append(method).append(1, '\n').append(route).append(1, '\n');
    key.append(1, static_cast<char>('0' + statusKey / 100)).append(1, static_cast<char>('0' + statusKey / 10 % 10));
    key.append(1, static_cast<char>('0' + statusKey % 10));
    {
        std::shared_lock<std::shared_mutex> read(mutex_);
        auto found = instruments_.find(key);
        if (found != instruments_.end()) return found->second;
    }
    const std::string statusText = statusLabel(status);
    const sdk::Labels labels{{"method", method}, {"route", route}, {"status", statusText}};
    Instruments created;
    created.requests = &registry_.counter("http_requests_total", "HTTP requests answered", labels);
    created.duration = &registry_.histogram("http_request_duration_seconds", "HTTP request duration in seconds",
                                            kDurationBuckets, labels);
    if (status >= 500)
        created.errors =
            &registry_.counter("http_request_errors_total", "HTTP requests answered with a 5xx status", labels);
    std::unique_lock<std::shared_mutex> write(mutex_);
    return instruments_.emplace(key, created).first->second;
}

} // namespace motel::host
