#include "services/PrometheusMetrics.h"

#include "services/ExceptionText.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>

#include <prometheus/check_names.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace motel::host {

namespace {

// One thin adapter per SDK instrument type; they look alike because the
// interfaces do, not because logic repeats.
class CounterInstrument : public sdk::Counter {
public:
    explicit CounterInstrument(prometheus::Counter& counter) : counter_(counter) {}
    void increment(double by) override { counter_.Increment(by); }

private:
    prometheus::Counter& counter_;
};

class GaugeInstrument : public sdk::Gauge {
public:
    explicit GaugeInstrument(prometheus::Gauge& gauge) : gauge_(gauge) {}
    void set(double value) override { gauge_.Set(value); }
    void increment(double by) override { gauge_.Increment(by); }
    void decrement(double by) override { gauge_.Decrement(by); }

private:
    prometheus::Gauge& gauge_;
};

class HistogramInstrument : public sdk::Histogram {
public:
    explicit HistogramInstrument(prometheus::Histogram& histogram) : histogram_(histogram) {}
    void observe(double value) override { histogram_.Observe(value); }

private:
    prometheus::Histogram& histogram_;
};

/// The shortest text that reads back as `value` ("0.005", "1", "+Inf"), the
/// way Prometheus writes `le` bounds.
std::string formatBound(double value) {
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    // Whole numbers as integers: %g would write 10 as "1e+01".
    if (std::fabs(value) < 1e15 && std::floor(value) == value) return std::to_string(static_cast<long long>(value));
    char text[32];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, value);
        if (std::strtod(text, nullptr) == value) break;
    }
    return text;
}

/// prometheus-cpp 1.0 escapes label values but writes HELP text as given,
/// so a backslash or newline in it would break the exposition: escape those
/// two as the text format requires.
std::string escapeHelp(const std::string& help) {
    std::string escaped;
    escaped.reserve(help.size());
    for (const char character : help) {
        if (character == '\\')
            escaped += "\\\\";
        else if (character == '\n')
            escaped += "\\n";
        else
            escaped += character;
    }
    return escaped;
}

/// JSON has no NaN or infinities: those become null.
Poco::Dynamic::Var jsonNumber(double value) {
    return std::isfinite(value) ? Poco::Dynamic::Var(value) : Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr labelsObject(const prometheus::ClientMetric& metric) {
    Poco::JSON::Object::Ptr labels = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& label : metric.label) labels->set(label.name, label.value);
    return labels;
}

Poco::JSON::Object::Ptr histogramObject(const prometheus::ClientMetric::Histogram& histogram) {
    Poco::JSON::Object::Ptr result = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    result->set("count", static_cast<Poco::UInt64>(histogram.sample_count));
    result->set("sum", jsonNumber(histogram.sample_sum));
    Poco::JSON::Object::Ptr buckets = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& bucket : histogram.bucket)
        buckets->set(formatBound(bucket.upper_bound), static_cast<Poco::UInt64>(bucket.cumulative_count));
    result->set("buckets", buckets);
    return result;
}

double scalarValue(const prometheus::MetricFamily& family, const prometheus::ClientMetric& metric) {
    switch (family.type) {
    case prometheus::MetricType::Counter:
        return metric.counter.value;
    case prometheus::MetricType::Gauge:
        return metric.gauge.value;
    default:
        return metric.untyped.value;
    }
}

/// Check names before anything is registered, so a bad label cannot leave
/// an empty family behind.
void validateNames(const std::string& name, const sdk::Labels& labels, bool histogram) {
    if (!prometheus::CheckMetricName(name)) throw std::invalid_argument("'" + name + "' is not a valid metric name");
    for (const auto& [label, value] : labels)
        if (!prometheus::CheckLabelName(label) || (histogram && label == "le"))
            throw std::invalid_argument("metric '" + name + "': '" + label + "' is not a valid label name");
}

/// The instrument stored under `key`, created with `make()` on first use
/// (nothing is stored when `make` throws).
template <class Map, class Make> auto& findOrAdd(Map& instruments, const typename Map::key_type& key, Make make) {
    auto found = instruments.find(key);
    if (found == instruments.end()) found = instruments.emplace(key, make()).first;
    return *found->second;
}

} // namespace

PrometheusMetrics::PrometheusMetrics(Poco::Logger& logger)
    : logger_(logger), registry_(std::make_shared<prometheus::Registry>()) {}

PrometheusMetrics::~PrometheusMetrics() = default;

sdk::Counter& PrometheusMetrics::counter(const std::string& name, const std::string& help, const sdk::Labels& labels) {
    validateNames(name, labels, false);
    std::lock_guard<std::mutex> lock(mutex_);
    auto& entry = family(name, help, Kind::counter);
    return findOrAdd(counters_, {name, labels},
                     [&] { return std::make_unique<CounterInstrument>(entry.counters->Add(labels)); });
}

sdk::Gauge& PrometheusMetrics::gauge(const std::string& name, const std::string& help, const sdk::Labels& labels) {
    return gaugeOfKind(name, help, labels, Kind::gauge);
}

sdk::Gauge& PrometheusMetrics::untyped(const std::string& name, const std::string& help, const sdk::Labels& labels) {
    return gaugeOfKind(name, help, labels, Kind::untyped);
}

sdk::Histogram& PrometheusMetrics::histogram(const std::string& name, const std::string& help,
                                             const std::vector<double>& bucketBounds, const sdk::Labels& labels) {
    if (bucketBounds.empty() || std::adjacent_find(bucketBounds.begin(), bucketBounds.end(),
                                                   std::greater_equal<double>()) != bucketBounds.end())
        throw std::invalid_argument("histogram '" + name + "' needs strictly increasing bucket bounds");
    validateNames(name, labels, true);
    std::lock_guard<std::mutex> lock(mutex_);
    auto& entry = family(name, help, Kind::histogram, bucketBounds);
    if (entry.bucketBounds != bucketBounds)
        throw std::logic_error("histogram '" + name + "' is already registered with other bucket bounds");
    return findOrAdd(histograms_, {name, labels}, [&] {
        return std::make_unique<HistogramInstrument>(entry.histograms->Add(labels, bucketBounds));
    });
}

void PrometheusMetrics::onScrape(std::function<void()> refresh) {
    if (!refresh) throw std::invalid_argument("scrape hook is empty");
    std::lock_guard<std::mutex> lock(hooksMutex_);
    hooks_.push_back(std::move(refresh));
}

std::string PrometheusMetrics::renderPrometheus() {
    std::ostringstream text;
    prometheus::TextSerializer().Serialize(text, collect());
    return text.str();
}

Poco::JSON::Object::Ptr PrometheusMetrics::renderJson() {
    Poco::JSON::Object::Ptr result = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& family : collect()) {
        const bool isHistogram = family.type == prometheus::MetricType::Histogram;
        if (family.metric.size() == 1 && family.metric.front().label.empty()) {
            const auto& metric = family.metric.front();
            if (isHistogram)
                result->set(family.name, histogramObject(metric.histogram));
            else
                result->set(family.name, jsonNumber(scalarValue(family, metric)));
            continue;
        }
        Poco::JSON::Array::Ptr series = new Poco::JSON::Array;
        for (const auto& metric : family.metric) {
            Poco::JSON::Object::Ptr entry;
            if (isHistogram) {
                entry = histogramObject(metric.histogram);
            } else {
                entry = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                entry->set("value", jsonNumber(scalarValue(family, metric)));
            }
            entry->set("labels", labelsObject(metric));
            series->add(entry);
        }
        result->set(family.name, series);
    }
    return result;
}

const char* PrometheusMetrics::kindName(Kind kind) {
    switch (kind) {
    case Kind::counter:
        return "counter";
    case Kind::gauge:
        return "gauge";
    case Kind::untyped:
        return "untyped";
    case Kind::histogram:
        return "histogram";
    }
    return "metric";
}

PrometheusMetrics::Family& PrometheusMetrics::family(const std::string& name, const std::string& help, Kind kind,
                                                     const std::vector<double>& bucketBounds) {
    const auto found = families_.find(name);
    if (found != families_.end()) {
        if (found->second.kind != kind)
            throw std::logic_error("metric '" + name + "' is already registered as a " + kindName(found->second.kind) +
                                   ", not a " + kindName(kind));
        return found->second;
    }
    Family entry;
    entry.kind = kind;
    const std::string escapedHelp = escapeHelp(help);
    switch (kind) {
    case Kind::counter:
        entry.counters = &prometheus::BuildCounter().Name(name).Help(escapedHelp).Register(*registry_);
        break;
    case Kind::gauge:
    case Kind::untyped:
        entry.gauges = &prometheus::BuildGauge().Name(name).Help(escapedHelp).Register(*registry_);
        break;
    case Kind::histogram:
        entry.histograms = &prometheus::BuildHistogram().Name(name).Help(escapedHelp).Register(*registry_);
        entry.bucketBounds = bucketBounds;
        break;
    }
    if (kind == Kind::untyped) untypedNames_.insert(name);
    return families_.emplace(name, std::move(entry)).first->second;
}

sdk::Gauge& PrometheusMetrics::gaugeOfKind(const std::string& name, const std::string& help, const sdk::Labels& labels,
                                           Kind kind) {
    validateNames(name, labels, false);
    std::lock_guard<std::mutex> lock(mutex_);
    auto& entry = family(name, help, kind);
    return findOrAdd(gauges_, {name, labels},
                     [&] { return std::make_unique<GaugeInstrument>(entry.gauges->Add(labels)); });
}

std::vector<prometheus::MetricFamily> PrometheusMetrics::collect() {
    std::vector<std::function<void()>> hooks;
    {
        std::lock_guard<std::mutex> lock(hooksMutex_);
        hooks = hooks_;
    }
    // Hooks run unlocked: they usually set gauges on this registry.
    for (const auto& hook : hooks) {
        try {
            hook();
        } catch (...) {
            logger_.error("Metrics scrape hook failed: %s", describeCurrentException());
        }
    }
    auto families = registry_->Collect();
    std::set<std::string> untypedNames;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        untypedNames = untypedNames_;
    }
    // prometheus-cpp has no untyped instrument, but its serializer writes
    // untyped families: re-type those gauges and move their values over.
    for (auto& family : families) {
        if (family.type != prometheus::MetricType::Gauge || untypedNames.count(family.name) == 0) continue;
        family.type = prometheus::MetricType::Untyped;
        for (auto& metric : family.metric) metric.untyped.value = metric.gauge.value;
    }
    return families;
}

} // namespace motel::host
