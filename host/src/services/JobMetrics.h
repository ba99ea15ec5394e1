#pragma once
// Publishes the job engine's per-queue figures as metrics at every scrape:
// motel_jobs_queued / motel_jobs_running (gauges) and
// motel_jobs_completed_total / motel_jobs_failed_total /
// motel_jobs_dead_lettered_total (counters), each labelled by `queue`; and
// per scheduled job (label `job`): motel_jobs_scheduled_runs_total,
// motel_jobs_scheduled_failures_total, motel_jobs_scheduled_skipped_total
// (the previous run still going) and motel_jobs_scheduled_late_total (run
// after Redis came back), this host's runs only.
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
    struct SeenSchedule {
        std::uint64_t runs = 0, failures = 0, skipped = 0, late = 0;
    };
    std::map<std::string, Seen> seen_;
    std::map<std::string, SeenSchedule> seenSchedules_;

    void refreshSchedules();
};

} // namespace motel::host
