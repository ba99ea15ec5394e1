#pragma once
// Publishes the job engine's per-queue figures as metrics at every scrape:
// motel_jobs_queued / motel_jobs_running (gauges) and
// motel_jobs_completed_total / motel_jobs_failed_total /
// motel_jobs_dead_lettered_total (counters), each labelled by `queue`.
// The engine keeps running totals; counters advance by the difference since
// the previous scrape, so they never go backwards.

#include "services/JobEngine.h"

#include <motel/sdk/Metrics.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace motel::host {

class JobMetrics {
public:
    /// Registers the scrape hook; both references must outlive the registry's scrapes.
    JobMetrics(JobEngine& jobs, sdk::MetricsRegistry& metrics);
    /// Reads the engine's stats into the metrics (the scrape hook).
    void refresh();

private:
    struct Seen {
        std::uint64_t completed = 0, failed = 0, dead = 0;
    };
    JobEngine& jobs_;
    sdk::MetricsRegistry& metrics_;
    std::mutex mutex_;
    std::map<std::string, Seen> seen_;
};

} // namespace motel::host
