#pragma once
/// The figures of the realtime plugin: connected sockets, distinct users,
/// connects, disconnects by reason (and the abnormal ones per minute — lost
/// or cut connections: transport error, ping timeout, parse error, send
/// timeout, send queue full; never a client closing or this host draining —
/// for the `websocket` health check: > 10/min warning, > 50/min critical),
/// messages in and out.
/// Thread-safe (atomics; a mutex for the per-user counts and the minute
/// window). Bound to the host's metrics registry when there is one.

#include <motel/sdk/Health.h>
#include <motel/sdk/Metrics.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

namespace motel::realtime {

class RealtimeStats {
public:
    using Clock = std::chrono::steady_clock;

    /// Registers the instruments (`motel_websocket_*`).
    void bind(sdk::MetricsRegistry& metrics);

    void connected(std::int64_t userId); ///< userId 0: anonymous (compliance mode)
    void disconnected(std::int64_t userId, const std::string& reason);
    void messagesIn(std::uint64_t count = 1);
    void messagesOut(std::uint64_t count = 1);

    std::int64_t connections() const { return connections_.load(); }
    std::int64_t users() const;
    std::uint64_t connectsTotal() const { return connects_.load(); }
    std::uint64_t messagesInTotal() const { return messagesIn_.load(); }
    std::uint64_t messagesOutTotal() const { return messagesOut_.load(); }
    /// Abnormal disconnects (isAbnormal()) during the last minute.
    std::size_t disconnectsLastMinute() const;
    /// The `websocket` health check result.
    sdk::HealthResult health() const;

    /// A disconnect the health check counts: the connection was lost or cut.
    static bool isAbnormal(const std::string& reason);
    /// The bounded label for a disconnect reason.
    static std::string reasonLabel(const std::string& reason);

private:
    void refreshGauges();

    std::atomic<std::int64_t> connections_{0};
    std::atomic<std::uint64_t> connects_{0};
    std::atomic<std::uint64_t> messagesIn_{0};
    std::atomic<std::uint64_t> messagesOut_{0};
    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, int> socketsPerUser_;
    mutable std::deque<Clock::time_point> recentDisconnects_;

    sdk::MetricsRegistry* metrics_ = nullptr;
    sdk::Gauge* connectionsGauge_ = nullptr;
    sdk::Gauge* usersGauge_ = nullptr;
    sdk::Counter* connectsCounter_ = nullptr;
    sdk::Counter* messagesInCounter_ = nullptr;
    sdk::Counter* messagesOutCounter_ = nullptr;
};

} // namespace motel::realtime
