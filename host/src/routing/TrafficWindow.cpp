#include "routing/TrafficWindow.h"

#include <cmath>

namespace motel::host {

std::int64_t TrafficWindow::secondOf(std::chrono::steady_clock::time_point at) {
    return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

void TrafficWindow::record(int status, double milliseconds, std::chrono::steady_clock::time_point at) {
    const std::int64_t second = secondOf(at);
    std::size_t slot = 0;
    double bound = 1.0;
    while (slot + 1 < kLatencyBuckets && milliseconds > bound) {
        bound *= 2;
        ++slot;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    Bucket& bucket = buckets_[static_cast<std::size_t>(second) % kSeconds];
    if (bucket.second != second) bucket = Bucket{second, 0, 0, 0, {}};
    ++bucket.requests;
    if (status >= 500) ++bucket.serverErrors;
    bucket.totalMs += milliseconds;
    ++bucket.latency[slot];
}

sdk::TrafficStats TrafficWindow::snapshot(std::chrono::steady_clock::time_point at) const {
    const std::int64_t now = secondOf(at);
    sdk::TrafficStats stats;
    stats.windowSeconds = static_cast<double>(kSeconds);
    std::array<std::uint64_t, kLatencyBuckets> latency{};
    double totalMs = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& bucket : buckets_) {
            if (bucket.second < 0 || now - bucket.second >= static_cast<std::int64_t>(kSeconds)) continue;
            stats.requests += bucket.requests;
            stats.serverErrors += bucket.serverErrors;
            totalMs += bucket.totalMs;
            for (std::size_t i = 0; i < kLatencyBuckets; ++i) latency[i] += bucket.latency[i];
        }
    }
    if (stats.requests == 0) return stats;
    stats.averageMs = totalMs / static_cast<double>(stats.requests);
    // p95 as the upper bound of the bucket holding the 95th percentile.
    const auto target = static_cast<std::uint64_t>(std::ceil(0.95 * static_cast<double>(stats.requests)));
    std::uint64_t seen = 0;
    double bound = 1.0;
    for (std::size_t i = 0; i < kLatencyBuckets; ++i, bound *= 2) {
        seen += latency[i];
        if (seen >= target) {
            stats.p95Ms = bound;
            break;
        }
    }
    return stats;
}

} // namespace motel::host
