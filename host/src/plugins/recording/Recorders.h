#pragma once
// Registries that record what plugins register instead of running it: host
// facts, events (delivered and remembered), jobs run only on demand, health
// checks run in turn, metrics kept as plain numbers. Used by
// `motel-host plugins describe` and by the SDK's test kit
// (Motel::sdk_testing), which compiles this file too.

#include <motel/sdk/Events.h>
#include <motel/sdk/Settings.h>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <functional>
#include <motel/sdk/Health.h>
#include <motel/sdk/HostInfo.h>
#include <motel/sdk/Jobs.h>
#include <motel/sdk/Metrics.h>

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace motel::host {

struct RecordedEvent {
    std::string topic;
    Poco::Dynamic::Var payload;
};

class RecordingHostInfo : public sdk::HostInfo {
public:
    explicit RecordingHostInfo(sdk::Settings settings) : settings_(std::move(settings)) {}
    std::string version() const override { return "0.0.0-test"; }
    std::string environment() const override { return settings_.getString("motel.env", "development"); }
    Poco::Timestamp startedAt() const override { return startedAt_; }
    bool allPluginsStarted() const override { return true; }
    std::vector<std::string> loadedPlugins() const override { return {}; }
    const sdk::Settings& settings() const override { return settings_; }
    sdk::TrafficStats recentTraffic() const override { return {}; }
    sdk::MemoryFigures memory() const override { return {}; }

private:
    sdk::Settings settings_;
    Poco::Timestamp startedAt_;
};

/// Delivers through the host's own bus and remembers every publish and
/// every subscription pattern.
class RecordingEventBus : public sdk::EventBus {
public:
    explicit RecordingEventBus(sdk::EventBus& inner) : inner_(inner) {}
    void publish(const std::string& topic, const Poco::Dynamic::Var& payload) override;
    SubscriptionId subscribe(const std::string& pattern, Subscriber subscriber) override;
    void unsubscribe(SubscriptionId id) override { inner_.unsubscribe(id); }

    std::vector<RecordedEvent> published() const;
    void clearPublished();
    std::vector<std::string> patterns() const;

private:
    sdk::EventBus& inner_;
    mutable std::mutex mutex_;
    std::vector<RecordedEvent> published_;
    std::vector<std::string> patterns_;
};

class RecordingJobs : public sdk::Jobs {
public:
    void every(const std::string& name, std::chrono::milliseconds interval, JobFn fn) override;
    void cron(const std::string& name, const std::string& expression, JobFn fn) override;
    void handle(const std::string& queue, QueueHandler handler) override;
    void enqueue(const std::string& queue, const Poco::Dynamic::Var& payload, sdk::JobOptions options) override;

    std::vector<std::string> list() const;
    void run(const std::string& name);
    std::size_t runQueued();

private:
    struct Scheduled {
        std::string name;
        std::string schedule;
        JobFn fn;
    };
    struct Queued {
        std::string queue;
        Poco::Dynamic::Var payload;
        int attemptsLeft;
    };
    std::vector<Scheduled> scheduled_;
    std::map<std::string, QueueHandler> handlers_;
    std::deque<Queued> queue_;
};

class RecordingHealth : public sdk::HealthRegistry {
public:
    void add(const std::string& name, Check check, std::chrono::milliseconds timeout) override;
    std::vector<std::pair<std::string, sdk::HealthResult>> runAll() override;
    std::vector<std::string> names() const;
    sdk::HealthResult run(const std::string& name);

private:
    std::vector<std::pair<std::string, Check>> checks_;
};

class RecordingMetrics : public sdk::MetricsRegistry {
public:
    RecordingMetrics();
    ~RecordingMetrics() override;
    sdk::Counter& counter(const std::string& name, const std::string& help, const sdk::Labels& labels) override;
    sdk::Gauge& gauge(const std::string& name, const std::string& help, const sdk::Labels& labels) override;
    sdk::Gauge& untyped(const std::string& name, const std::string& help, const sdk::Labels& labels) override;
    sdk::Histogram& histogram(const std::string& name, const std::string& help, const std::vector<double>& bucketBounds,
                              const sdk::Labels& labels) override;
    void onScrape(std::function<void()> refresh) override;
    std::string renderPrometheus() override;
    Poco::JSON::Object::Ptr renderJson() override;

    double value(const std::string& name, const sdk::Labels& labels);
    std::vector<std::string> names() const;

private:
    class Series;
    Series& series(const std::string& name, const sdk::Labels& labels);
    void scrape();

    mutable std::mutex mutex_;
    std::map<std::pair<std::string, sdk::Labels>, std::unique_ptr<Series>> series_;
    std::vector<std::function<void()>> hooks_;
};

} // namespace motel::host
