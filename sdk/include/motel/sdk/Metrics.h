#pragma once
/// Metrics. The host owns one registry (Prometheus text format 0.0.4 and a
/// JSON view of the same figures); plugins add their own instruments. Label
/// values must come from a bounded set (route templates, enum values), never
/// from ids or raw paths.

#include <Poco/JSON/Object.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace motel::sdk {

using Labels = std::map<std::string, std::string>;

class Counter {
public:
    virtual ~Counter() = default;
    virtual void increment(double by = 1.0) = 0;
};

class Gauge {
public:
    virtual ~Gauge() = default;
    virtual void set(double value) = 0;
    virtual void increment(double by = 1.0) = 0;
    virtual void decrement(double by = 1.0) = 0;
};

class Histogram {
public:
    virtual ~Histogram() = default;
    virtual void observe(double value) = 0;
};

class MetricsRegistry {
public:
    virtual ~MetricsRegistry() = default;
    /// The same name and labels always return the same instrument. A name
    /// registered as another kind throws std::logic_error.
    virtual Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {}) = 0;
    virtual Gauge& gauge(const std::string& name, const std::string& help, const Labels& labels = {}) = 0;
    /// A gauge exposed with `# TYPE name untyped` (for current counts whose
    /// established names end in `_total`, which promtool refuses as gauges).
    virtual Gauge& untyped(const std::string& name, const std::string& help, const Labels& labels = {}) = 0;
    virtual Histogram& histogram(const std::string& name, const std::string& help,
                                 const std::vector<double>& bucketBounds, const Labels& labels = {}) = 0;
    /// Run `refresh` right before every scrape (e.g. to read process memory).
    virtual void onScrape(std::function<void()> refresh) = 0;
    /// Prometheus text exposition format 0.0.4.
    virtual std::string renderPrometheus() = 0;
    /// `{"<name>": value | [{"labels":{...},"value":...}], ...}`
    virtual Poco::JSON::Object::Ptr renderJson() = 0;
};

/// Wraps a scrape hook (MetricsRegistry::onScrape) so it runs at most once
/// per `interval`; scrapes in between see the figures as they are. For gauges
/// a host keeps current from its own commits and recounts now and then to
/// catch up with what other hosts changed, without a query on every scrape.
/// Two scrapes at once run it once.
inline std::function<void()> atMostEvery(std::chrono::milliseconds interval, std::function<void()> refresh) {
    using Clock = std::chrono::steady_clock;
    auto nextRun = std::make_shared<std::atomic<std::int64_t>>(std::numeric_limits<std::int64_t>::min());
    return [interval, refresh = std::move(refresh), nextRun] {
        const std::int64_t now =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
        std::int64_t due = nextRun->load();
        if (now < due || !nextRun->compare_exchange_strong(due, now + interval.count())) return;
        refresh();
    };
}

} // namespace motel::sdk
