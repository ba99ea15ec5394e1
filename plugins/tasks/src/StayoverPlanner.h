#pragma once
/// The `suites.stayover` job (cron, default `0 8 * * *` UTC): every occupied
/// suite gets a pending, unassigned `cleaning` task titled
/// `Stayover clean suite <number>`, unless it already has an open cleaning
/// task created today (UTC day). Suites themselves are not changed (so no
/// suite history is written).
///
/// Idempotent across runs and hosts: each stayover task carries its UTC day
/// in `stayover_day`, and a unique index on (suite_id, stayover_day) with
/// `INSERT ... ON CONFLICT DO NOTHING` lets at most one such task per suite
/// and day exist, whoever inserts first (tasks created otherwise have a NULL
/// day, which the index never compares equal). A second run the same day
/// therefore creates nothing, even when the first run's task was already
/// completed. Each created task is published as `task.created` after commit
/// and counted in the task metrics.

#include "TaskCounters.h"

#include <motel/sdk/Database.h>
#include <motel/sdk/Events.h>

#include <string>

namespace motel::tasks {

class StayoverPlanner {
public:
    StayoverPlanner(sdk::Database& database, sdk::EventBus& events, TaskCounters& counters);

    /// One run for the UTC day of `now` (ISO 8601 UTC with milliseconds);
    /// returns how many tasks this run created.
    int run(const std::string& now);

private:
    sdk::Database& database_;
    sdk::EventBus& events_;
    TaskCounters& counters_;
};

} // namespace motel::tasks
