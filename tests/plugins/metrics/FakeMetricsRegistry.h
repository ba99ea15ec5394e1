#pragma once
// A MetricsRegistry that remembers what was registered and the values set,
// so the metrics plugin's classes can be tested without the host.

#include <motel/sdk/Metrics.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace motel::metrics::test {

class FakeMetricsRegistry : public sdk::MetricsRegistry {
public:
    class Value : public sdk::Counter, public sdk::Gauge, public sdk::Histogram {
    public:
        double value = 0;
        void increment(double by) override { value += by; }
        void set(double v) override { value = v; }
        void decrement(double by) override { value -= by; }
        void observe(double v) override { value = v; }
    };

    std::map<std::string, std::string> kinds; ///< name → counter/gauge/untyped/histogram
    std::map<std::string, std::string> helps; ///< name → the HELP text of its first registration
    std::map<std::pair<std::string, sdk::Labels>, std::unique_ptr<Value>> series;
    std::vector<std::function<void()>> hooks;
    std::string prometheusText = "# TYPE x gauge\nx 1\n";

    sdk::Counter& counter(const std::string& name, const std::string& help, const sdk::Labels& labels) override {
        return instrument(name, "counter", help, labels);
    }
    sdk::Gauge& gauge(const std::string& name, const std::string& help, const sdk::Labels& labels) override {
        return instrument(name, "gauge", help, labels);
    }
    sdk::Gauge& untyped(const std::string& name, const std::string& help, const sdk::Labels& labels) override {
        return instrument(name, "untyped", help, labels);
    }
    sdk::Histogram& histogram(const std::string& name, const std::string& help, const std::vector<double>&,
                              const sdk::Labels& labels) override {
        return instrument(name, "histogram", help, labels);
    }
    void onScrape(std::function<void()> refresh) override { hooks.push_back(std::move(refresh)); }
    std::string renderPrometheus() override {
        scrape();
        return prometheusText;
    }
    Poco::JSON::Object::Ptr renderJson() override {
        scrape();
        Poco::JSON::Object::Ptr result = new Poco::JSON::Object;
        for (const auto& [key, value] : series) result->set(key.first, value->value);
        return result;
    }

    void scrape() {
        for (const auto& hook : hooks) hook();
    }
    double valueOf(const std::string& name, const sdk::Labels& labels = {}) const {
        return series.at({name, labels})->value;
    }

private:
    Value& instrument(const std::string& name, const std::string& kind, const std::string& help,
                      const sdk::Labels& labels) {
        helps.emplace(name, help); // the first registration's, as the host's registry keeps it
        const auto known = kinds.emplace(name, kind).first;
        if (known->second != kind) throw std::logic_error(name + " is a " + known->second);
        auto& slot = series[{name, labels}];
        if (!slot) slot = std::make_unique<Value>();
        return *slot;
    }
};

} // namespace motel::metrics::test
