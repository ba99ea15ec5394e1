#pragma once
/// Schedules the tasks plugin's background jobs on the host's job engine
/// (which runs each scheduled job on one host per tick when `redis.url` is
/// set):
/// - `tasks.overdue`, every `plugins.tasks.overdueInterval` (default `1m`;
///   ticks fall on whole multiples of it since the epoch, so 1m is every
///   whole minute, UTC): OverdueAnnouncer;
/// - `suites.stayover`, cron `plugins.tasks.stayoverCron` (default
///   `0 8 * * *`, UTC like every cron expression of the host): StayoverPlanner.
/// A failing run is logged and counted by the engine, and the next tick
/// tries again.

#include "TaskCounters.h"

#include <motel/sdk/PluginContext.h>

#include <chrono>

namespace motel::tasks {

class TaskJobs {
public:
    static constexpr const char* kDefaultStayoverCron = "0 8 * * *";
    static constexpr std::chrono::milliseconds kDefaultOverdueInterval{60000};

    /// Throws sdk::ConfigError for a malformed `stayoverCron` or a
    /// non-positive `overdueInterval`. `counters`
    /// must outlive the jobs (the plugin owns it until the host stops).
    static void schedule(sdk::PluginContext& context, TaskCounters& counters);
};

} // namespace motel::tasks
