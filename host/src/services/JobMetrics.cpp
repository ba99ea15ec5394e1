#include "services/JobMetrics.h"

namespace motel::host {

namespace {
void advance(sdk::Counter& counter, std::uint64_t now, std::uint64_t& seen) {
    if (now > seen) counter.increment(static_cast<double>(now - seen));
    seen = now;
}
} // namespace

JobMetrics::JobMetrics(JobEngine& jobs, sdk::MetricsRegistry& metrics) : jobs_(jobs), metrics_(metrics) {
    metrics_.onScrape([this] { refresh(); });
}

void JobMetrics::refresh() {
    const auto stats = jobs_.stats();
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [queue, figures] : stats) {
        const sdk::Labels labels{{"queue", queue}};
        metrics_.gauge("motel_jobs_queued", "Queued background jobs waiting to run", labels)
            .set(static_cast<double>(figures.queued));
        metrics_.gauge("motel_jobs_running", "Background jobs running now", labels)
            .set(static_cast<double>(figures.running));
        Seen& seen = seen_[queue];
        advance(metrics_.counter("motel_jobs_completed_total", "Background job runs that succeeded", labels),
                figures.completed, seen.completed);
        advance(metrics_.counter("motel_jobs_failed_total", "Background job runs that failed (each failed attempt)",
                                 labels),
                figures.failed, seen.failed);
        advance(metrics_.counter("motel_jobs_dead_lettered_total", "Queued jobs moved to the dead-letter list", labels),
                figures.dead, seen.dead);
    }
    refreshSchedules();
}

void JobMetrics::refreshSchedules() {
    for (const auto& [job, figures] : jobs_.scheduleStats()) {
        const sdk::Labels labels{{"job", job}};
        SeenSchedule& seen = seenSchedules_[job];
        advance(metrics_.counter("motel_jobs_scheduled_runs_total", "Scheduled job runs on this host", labels),
                figures.runs, seen.runs);
        advance(metrics_.counter("motel_jobs_scheduled_failures_total", "Scheduled job runs that threw", labels),
                figures.failures, seen.failures);
        advance(metrics_.counter("motel_jobs_scheduled_skipped_total",
                                 "Scheduled job ticks not run because the previous run was still going", labels),
                figures.skipped, seen.skipped);
        advance(metrics_.counter("motel_jobs_scheduled_late_total",
                                 "Scheduled job ticks run late because Redis was unreachable at their time", labels),
                figures.late, seen.late);
    }
}

} // namespace motel::host
