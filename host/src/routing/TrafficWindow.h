#pragma once
// A rolling one-minute view of HTTP traffic (count, 5xx, average and p95
// latency) for the health plugin's response-time and error-rate alerts.
// Sixty one-second buckets, each with a small log-scale latency histogram,
// so recording is O(1) and memory is fixed.

#include <motel/sdk/HostInfo.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace motel::host {

class TrafficWindow {
public:
    static constexpr std::size_t kSeconds = 60;
    static constexpr std::size_t kLatencyBuckets = 20; ///< upper bounds 1ms * 2^i

    void record(int status, double milliseconds, std::chrono::steady_clock::time_point at);
    void record(int status, double milliseconds) { record(status, milliseconds, std::chrono::steady_clock::now()); }
    sdk::TrafficStats snapshot(std::chrono::steady_clock::time_point at) const;
    sdk::TrafficStats snapshot() const { return snapshot(std::chrono::steady_clock::now()); }

private:
    struct Bucket {
        std::int64_t second = -1;
        std::uint64_t requests = 0;
        std::uint64_t serverErrors = 0;
        double totalMs = 0;
        std::array<std::uint64_t, kLatencyBuckets> latency{};
    };
    mutable std::mutex mutex_;
    std::array<Bucket, kSeconds> buckets_{};

    static std::int64_t secondOf(std::chrono::steady_clock::time_point at);
};

} // namespace motel::host
