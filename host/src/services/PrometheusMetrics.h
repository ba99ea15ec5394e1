#pragma once
// The host's metrics registry, on prometheus-cpp.

#include <motel/sdk/Metrics.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace Poco {
class Logger;
}

namespace prometheus {
class Counter;
class Gauge;
class Histogram;
class Registry;
struct MetricFamily;
template <typename T> class Family;
} // namespace prometheus

namespace motel::host {

/// The MetricsRegistry every plugin receives; the `metrics` plugin serves
/// renderPrometheus() and renderJson(). Instruments live in a
/// prometheus::Registry and the text comes from prometheus::TextSerializer;
/// this class adds what the SDK promises on top: one instrument per name and
/// labels, a kind per name, `untyped` gauges, scrape hooks and the JSON view.
///
/// All methods are thread-safe. Instrument references stay valid for the
/// registry's lifetime. Names and label names that Prometheus rejects throw
/// std::invalid_argument (from prometheus-cpp).
class PrometheusMetrics : public sdk::MetricsRegistry {
public:
    /// `logger` receives failures of scrape hooks; it must outlive this.
    explicit PrometheusMetrics(Poco::Logger& logger);
    ~PrometheusMetrics() override;

    PrometheusMetrics(const PrometheusMetrics&) = delete;
    PrometheusMetrics& operator=(const PrometheusMetrics&) = delete;

    sdk::Counter& counter(const std::string& name, const std::string& help, const sdk::Labels& labels = {}) override;
    sdk::Gauge& gauge(const std::string& name, const std::string& help, const sdk::Labels& labels = {}) override;
    sdk::Gauge& untyped(const std::string& name, const std::string& help, const sdk::Labels& labels = {}) override;
    /// `bucketBounds` must be strictly increasing (+Inf is implied); every
    /// series of one name must use the same bounds (std::logic_error if not).
    sdk::Histogram& histogram(const std::string& name, const std::string& help, const std::vector<double>& bucketBounds,
                              const sdk::Labels& labels = {}) override;
    /// Hooks run in registration order before every render; one that throws
    /// is logged and the render goes on.
    void onScrape(std::function<void()> refresh) override;
    std::string renderPrometheus() override;
    /// Unlabelled single series as a number; otherwise an array of
    /// `{"labels":{...},"value":n}`. Histograms as
    /// `{"count":n,"sum":x,"buckets":{"0.005":n,...,"+Inf":n}}` (cumulative,
    /// like Prometheus), with `"labels"` added when in an array.
    Poco::JSON::Object::Ptr renderJson() override;

private:
    enum class Kind { counter, gauge, untyped, histogram };
    struct Family {
        Kind kind = Kind::counter;
        prometheus::Family<prometheus::Counter>* counters = nullptr;     ///< kind counter
        prometheus::Family<prometheus::Gauge>* gauges = nullptr;         ///< kind gauge or untyped
        prometheus::Family<prometheus::Histogram>* histograms = nullptr; ///< kind histogram
        std::vector<double> bucketBounds;
    };
    using SeriesKey = std::pair<std::string, sdk::Labels>;

    static const char* kindName(Kind kind);
    /// The family for `name`, created on first use; std::logic_error when the
    /// name has another kind. Call with mutex_ held.
    Family& family(const std::string& name, const std::string& help, Kind kind,
                   const std::vector<double>& bucketBounds = {});
    sdk::Gauge& gaugeOfKind(const std::string& name, const std::string& help, const sdk::Labels& labels, Kind kind);
    /// Run the hooks, then collect every family (untyped ones re-typed).
    std::vector<prometheus::MetricFamily> collect();

    Poco::Logger& logger_;
    std::shared_ptr<prometheus::Registry> registry_;

    std::mutex mutex_; ///< guards the maps below
    std::map<std::string, Family> families_;
    std::map<SeriesKey, std::unique_ptr<sdk::Counter>> counters_;
    std::map<SeriesKey, std::unique_ptr<sdk::Gauge>> gauges_; ///< gauges and untyped
    std::map<SeriesKey, std::unique_ptr<sdk::Histogram>> histograms_;
    std::set<std::string> untypedNames_;

    std::mutex hooksMutex_;
    std::vector<std::function<void()>> hooks_;
};

} // namespace motel::host
