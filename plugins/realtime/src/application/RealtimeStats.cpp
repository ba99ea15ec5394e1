#include "application/RealtimeStats.h"

#include <motel/sdk/HealthThreshold.h>

#include <Poco/JSON/Object.h>

#include <array>

namespace motel::realtime {

namespace {
const std::array<const char*, 10> kReasons{"transport close",
                                           "transport error",
                                           "ping timeout",
                                           "parse error",
                                           "forced close",
                                           "server shutting down",
                                           "client namespace disconnect",
                                           "server namespace disconnect",
                                           "send timeout",
                                           "send queue full"};
} // namespace

std::string RealtimeStats::reasonLabel(const std::string& reason) {
    for (const char* known : kReasons) {
        if (reason == known) {
            std::string label = known;
            for (auto& c : label) {
                if (c == ' ') c = '_';
            }
            return label;
        }
    }
    return "other";
}

void RealtimeStats::bind(sdk::MetricsRegistry& metrics) {
    metrics_ = &metrics;
    connectionsGauge_ = &metrics.gauge("motel_websocket_connections", "Connected Socket.IO sockets");
    usersGauge_ = &metrics.gauge("motel_websocket_users", "Distinct users with at least one connected socket");
    connectsCounter_ = &metrics.counter("motel_websocket_connects_total", "Socket.IO connections accepted");
    messagesInCounter_ = &metrics.counter("motel_websocket_messages_received_total", "Socket.IO packets received");
    messagesOutCounter_ = &metrics.counter("motel_websocket_messages_sent_total", "Socket.IO packets sent");
    for (const char* reason : kReasons) {
        metrics.counter("motel_websocket_disconnects_total", "Socket.IO disconnections by reason",
                        {{"reason", reasonLabel(reason)}});
    }
    refreshGauges();
}

void RealtimeStats::connected(std::int64_t userId) {
    connections_.fetch_add(1);
    connects_.fetch_add(1);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (userId != 0) ++socketsPerUser_[userId];
    }
    if (connectsCounter_) connectsCounter_->increment();
    refreshGauges();
}

void RealtimeStats::disconnected(std::int64_t userId, const std::string& reason) {
    connections_.fetch_sub(1);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (userId != 0) {
            const auto found = socketsPerUser_.find(userId);
            if (found != socketsPerUser_.end() && --found->second <= 0) socketsPerUser_.erase(found);
        }
        if (isAbnormal(reason)) recentDisconnects_.push_back(Clock::now());
        while (recentDisconnects_.size() > 100000) recentDisconnects_.pop_front();
    }
    if (metrics_) {
        metrics_
            ->counter("motel_websocket_disconnects_total", "Socket.IO disconnections by reason",
                      {{"reason", reasonLabel(reason)}})
            .increment();
    }
    refreshGauges();
}

void RealtimeStats::messagesIn(std::uint64_t count) {
    messagesIn_.fetch_add(count);
    if (messagesInCounter_) messagesInCounter_->increment(static_cast<double>(count));
}

void RealtimeStats::messagesOut(std::uint64_t count) {
    messagesOut_.fetch_add(count);
    if (messagesOutCounter_) messagesOutCounter_->increment(static_cast<double>(count));
}

std::int64_t RealtimeStats::users() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<std::int64_t>(socketsPerUser_.size());
}

bool RealtimeStats::isAbnormal(const std::string& reason) {
    // The connection was lost or had to be cut, rather than closed by the
    // client (a closed tab: "transport close") or by this host (draining,
    // revoking access): only those say something is wrong.
    return reason == "transport error" || reason == "ping timeout" || reason == "parse error" ||
           reason == "send timeout" || reason == "send queue full";
}

std::size_t RealtimeStats::disconnectsLastMinute() const {
    const auto cutoff = Clock::now() - std::chrono::minutes(1);
    std::lock_guard<std::mutex> lock(mutex_);
    while (!recentDisconnects_.empty() && recentDisconnects_.front() < cutoff) recentDisconnects_.pop_front();
    return recentDisconnects_.size();
}

sdk::HealthResult RealtimeStats::health() const {
    sdk::HealthResult result;
    const std::size_t perMinute = disconnectsLastMinute();
    result.up = true;
    result.details = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    result.details->set("connectedUsers", users());
    result.details->set("connections", connections());
    result.details->set("abnormalDisconnectsLastMinute", static_cast<Poco::UInt64>(perMinute));
    sdk::judgeAbove(result, "abnormalDisconnectsLastMinute", static_cast<double>(perMinute), 10, 50);
    return result;
}

void RealtimeStats::refreshGauges() {
    if (connectionsGauge_) connectionsGauge_->set(static_cast<double>(connections_.load()));
    if (usersGauge_) usersGauge_->set(static_cast<double>(users()));
}

} // namespace motel::realtime
