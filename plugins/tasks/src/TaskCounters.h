#pragma once
/// The task metrics the dashboards read: `motel_tasks_total` (untyped: a
/// current count with an established `_total` name), `motel_tasks_pending`,
/// `motel_tasks_in_progress` and `motel_tasks_overdue`. Counted at start,
/// then moved by each committed change of this host (the overdue figure by
/// each `tasks.overdue` run, which runs on one host per tick); the plugin
/// also recounts all four before a scrape at most every `recountInterval`,
/// so with several hosts every host converges on what the others committed.

#include <motel/sdk/Database.h>
#include <motel/sdk/Metrics.h>

#include <optional>
#include <string>

namespace motel::tasks {

class TaskCounters {
public:
    explicit TaskCounters(sdk::MetricsRegistry& metrics);

    void recount(sdk::Database& database);
    /// A task went from `fromStatus` (nullopt: it is new) to `toStatus`
    /// (nullopt: it was deleted).
    void moved(const std::optional<std::string>& fromStatus, const std::optional<std::string>& toStatus);

private:
    sdk::Gauge& total_;
    sdk::Gauge& pending_;
    sdk::Gauge& inProgress_;
    sdk::Gauge& overdue_;
    sdk::Gauge* gaugeFor(const std::string& status);
};

} // namespace motel::tasks
