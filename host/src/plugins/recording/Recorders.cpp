#include "plugins/recording/Recorders.h"
#include "services/ExceptionText.h"

#include <Poco/JSON/Object.h>

#include <sstream>
#include <stdexcept>

namespace motel::host {

// ---- events -------------------------------------------------------------------

void RecordingEventBus::publish(const std::string& topic, const Poco::Dynamic::Var& payload) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        published_.push_back(RecordedEvent{topic, payload});
    }
    inner_.publish(topic, payload);
}

sdk::EventBus::SubscriptionId RecordingEventBus::subscribe(const std::string& pattern, Subscriber subscriber) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        patterns_.push_back(pattern);
    }
    return inner_.subscribe(pattern, std::move(subscriber));
}

std::vector<RecordedEvent> RecordingEventBus::published() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return published_;
}

void RecordingEventBus::clearPublished() {
    std::lock_guard<std::mutex> lock(mutex_);
    published_.clear();
}

std::vector<std::string> RecordingEventBus::patterns() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return patterns_;
}

// ---- jobs ---------------------------------------------------------------------

void RecordingJobs::every(const std::string& name, std::chrono::milliseconds interval, JobFn fn) {
    scheduled_.push_back({name, "every " + std::to_string(interval.count()) + "ms", std::move(fn)});
}

void RecordingJobs::cron(const std::string& name, const std::string& expression, JobFn fn) {
    scheduled_.push_back({name, "cron " + expression, std::move(fn)});
}

void RecordingJobs::handle(const std::string& queue, QueueHandler handler) {
    if (handlers_.count(queue)) throw std::logic_error("queue '" + queue + "' already has a handler");
    handlers_[queue] = std::move(handler);
}

void RecordingJobs::enqueue(const std::string& queue, const Poco::Dynamic::Var& payload, sdk::JobOptions options) {
    queue_.push_back({queue, payload, std::max(1, options.maxAttempts)});
}

std::vector<std::string> RecordingJobs::list() const {
    std::vector<std::string> out;
    for (const auto& job : scheduled_) out.push_back(job.name + " " + job.schedule);
    for (const auto& [queue, handler] : handlers_) out.push_back("queue " + queue);
    return out;
}

void RecordingJobs::run(const std::string& name) {
    for (const auto& job : scheduled_)
        if (job.name == name) return job.fn();
    throw std::out_of_range("no scheduled job '" + name + "'");
}

std::size_t RecordingJobs::runQueued() {
    std::size_t ran = 0;
    while (!queue_.empty()) {
        Queued job = queue_.front();
        queue_.pop_front();
        const auto handler = handlers_.find(job.queue);
        if (handler == handlers_.end()) throw std::out_of_range("no handler for queue '" + job.queue + "'");
        ++ran;
        try {
            handler->second(job.payload);
        } catch (...) {
            if (--job.attemptsLeft > 0) queue_.push_back(job);
        }
    }
    return ran;
}

// ---- health -------------------------------------------------------------------

void RecordingHealth::add(const std::string& name, Check check, std::chrono::milliseconds) {
    for (auto& [existing, current] : checks_) {
        if (existing == name) {
            current = std::move(check);
            return;
        }
    }
    checks_.emplace_back(name, std::move(check));
}

std::vector<std::pair<std::string, sdk::HealthResult>> RecordingHealth::runAll() {
    std::vector<std::pair<std::string, sdk::HealthResult>> results;
    for (const auto& [name, check] : checks_) results.emplace_back(name, run(name));
    return results;
}

std::vector<std::string> RecordingHealth::names() const {
    std::vector<std::string> out;
    for (const auto& entry : checks_) out.push_back(entry.first);
    return out;
}

sdk::HealthResult RecordingHealth::run(const std::string& name) {
    for (const auto& [existing, check] : checks_) {
        if (existing != name) continue;
        try {
            return check();
        } catch (...) { // the plugin's check: anything it throws is its answer
            return sdk::HealthResult::down(describeCurrentException());
        }
    }
    throw std::out_of_range("no health check '" + name + "'");
}

// ---- metrics ------------------------------------------------------------------

class RecordingMetrics::Series : public sdk::Counter, public sdk::Gauge, public sdk::Histogram {
public:
    void increment(double by) override { add(by); }
    void set(double value) override {
        std::lock_guard<std::mutex> lock(mutex_);
        value_ = value;
    }
    void decrement(double by) override { add(-by); }
    /// A histogram's value is the sum of its observations.
    void observe(double value) override { add(value); }
    double value() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return value_;
    }

private:
    void add(double by) {
        std::lock_guard<std::mutex> lock(mutex_);
        value_ += by;
    }
    mutable std::mutex mutex_;
    double value_ = 0;
};

RecordingMetrics::RecordingMetrics() = default;
RecordingMetrics::~RecordingMetrics() = default;

RecordingMetrics::Series& RecordingMetrics::series(const std::string& name, const sdk::Labels& labels) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = series_[{name, labels}];
    if (!slot) slot = std::make_unique<Series>();
    return *slot;
}

sdk::Counter& RecordingMetrics::counter(const std::string& name, const std::string&, const sdk::Labels& labels) {
    return series(name, labels);
}
sdk::Gauge& RecordingMetrics::gauge(const std::string& name, const std::string&, const sdk::Labels& labels) {
    return series(name, labels);
}
sdk::Gauge& RecordingMetrics::untyped(const std::string& name, const std::string&, const sdk::Labels& labels) {
    return series(name, labels);
}
sdk::Histogram& RecordingMetrics::histogram(const std::string& name, const std::string&, const std::vector<double>&,
                                            const sdk::Labels& labels) {
    return series(name, labels);
}

void RecordingMetrics::onScrape(std::function<void()> refresh) {
    std::lock_guard<std::mutex> lock(mutex_);
    hooks_.push_back(std::move(refresh));
}

void RecordingMetrics::scrape() {
    std::vector<std::function<void()>> hooks;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        hooks = hooks_;
    }
    for (const auto& hook : hooks) hook();
}

std::string RecordingMetrics::renderPrometheus() {
    scrape();
    std::ostringstream out;
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, series] : series_) {
        out << key.first;
        if (!key.second.empty()) {
            out << '{';
            bool first = true;
            for (const auto& [label, value] : key.second) {
                out << (first ? "" : ",") << label << "=\"" << value << '"';
                first = false;
            }
            out << '}';
        }
        out << ' ' << series->value() << '\n';
    }
    return out.str();
}

Poco::JSON::Object::Ptr RecordingMetrics::renderJson() {
    scrape();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, series] : series_)
        if (key.second.empty()) out->set(key.first, series->value());
    return out;
}

double RecordingMetrics::value(const std::string& name, const sdk::Labels& labels) {
    scrape();
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = series_.find({name, labels});
    return found == series_.end() ? 0.0 : found->second->value();
}

std::vector<std::string> RecordingMetrics::names() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [key, series] : series_)
        if (out.empty() || out.back() != key.first) out.push_back(key.first);
    return out;
}

} // namespace motel::host
