#pragma once
/// The metric names the runbook documents and dashboards rely on, registered
/// at start so every one of them is in the first scrape, plus the hook that
/// refreshes the process figures before each scrape.
///
/// The metrics plugin only makes the names exist; the plugins that know the
/// figures keep them current through the same names and kinds (the registry
/// returns the same instrument for the same name and labels):
///
///   process (this class, every scrape)  motel_uptime_seconds, motel_memory_*,
///                                       process_* (Prometheus' standard names)
///   realtime plugin                     motel_websocket_* (disconnects by `reason`,
///                                       every reason from its start)
///   suites / tasks plugins              motel_suites_total, motel_tasks_*
///   the host's job engine               motel_jobs_* (by `queue`, on the scrape after a
///                                       queue gets a handler or a job)
///   the host, per request               http_requests_total, ... (not here)
///
/// `motel_suites_total` and `motel_tasks_total` are current counts that can
/// fall, exposed as `untyped` because promtool rejects a gauge named `_total`.

#include <motel/sdk/HostInfo.h>
#include <motel/sdk/Metrics.h>

#include <Poco/Timestamp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace motel::metrics {

struct MetricDefinition {
    enum class Kind { counter, gauge, untyped };
    std::string name;
    Kind kind;
    std::string help; ///< every plugin registering the name should use the same text
    /// Set for a family whose owner registers one series per value of this
    /// label (`reason`, `queue`): registerAll() leaves it to the owner, since
    /// an unlabelled series beside the labelled ones would stay 0 forever.
    std::string label = {};
};

class StandardMetrics {
public:
    /// Every documented name, its kind and help text. A family's first
    /// registration sets its HELP line, and the owner (realtime, suites,
    /// tasks, the host's jobs) may register it first: each text here is
    /// word for word the owner's, so /metrics says the same whoever starts first.
    static const std::vector<MetricDefinition>& definitions();

    /// The process's memory, as the host measures it (sdk::HostInfo::memory()).
    using MemoryReader = std::function<sdk::MemoryFigures()>;

    /// `readMemory` feeds motel_memory_heap_used_bytes, _resident_bytes and
    /// _limit_bytes (0: unknown) on every scrape.
    StandardMetrics(sdk::MetricsRegistry& registry, std::string version, Poco::Timestamp startedAt,
                    MemoryReader readMemory);

    /// Registers every unlabelled definition, sets `motel_build_info{version,sdk}` to 1 and
    /// adds the scrape hook that refreshes the process figures. The hook holds
    /// only the registry's own instruments, so this object may go away first.
    void registerAll();

private:
    /// CPU seconds already added to process_cpu_seconds_total.
    struct CpuReported {
        std::mutex mutex;
        double seconds = 0;
    };
    /// The instruments the scrape hook updates (owned by the registry).
    struct ProcessGauges {
        sdk::Gauge* uptime;
        sdk::Gauge* heapUsed;
        sdk::Gauge* resident;
        sdk::Gauge* limit;
        sdk::Counter* cpuSeconds;
        sdk::Gauge* processResident;
        sdk::Gauge* virtualMemory;
        sdk::Gauge* openFds;
        sdk::Gauge* maxFds;
        std::shared_ptr<CpuReported> cpuReported;
        Poco::Timestamp startedAt;
        MemoryReader readMemory;
        void refresh() const;
    };

    sdk::MetricsRegistry& registry_;
    std::string version_;
    Poco::Timestamp startedAt_;
    MemoryReader readMemory_;
};

} // namespace motel::metrics
