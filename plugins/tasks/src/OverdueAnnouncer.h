#pragma once
/// The `tasks.overdue` job (every minute): each open task (pending,
/// in_progress) whose `dueAt` has passed is announced once with a
/// `task.overdue` event (payload: the task as REST returns it), and the
/// `motel_tasks_overdue` gauge is set to the number of open overdue tasks.
///
/// "Once" is persisted, so it holds across runs, restarts and hosts: a run
/// claims its tasks with one `UPDATE ... WHERE <not yet announced> ...
/// RETURNING`, which stamps `overdue_notified_at` and remembers the announced
/// due time in `overdue_notified_due_at`. Of two concurrent runs (two hosts,
/// or a tick that overlaps the previous one) each row goes to exactly one:
/// SQLite serialises the writers (BEGIN IMMEDIATE), PostgreSQL re-checks the
/// WHERE on a row another transaction just claimed. The stamp is not a change
/// of the task: `version` and `updatedAt` stay as they are.
///
/// Eligible again:
/// - after a `dueAt` change (the stored due time no longer matches), once the
///   new `dueAt` has passed;
/// - after a reopen: every run first clears the stamp of closed tasks
///   (completed, cancelled), so a task closed when a run sees it and reopened
///   later is announced again. A task closed and reopened between two runs
///   (within the same minute) keeps its stamp and is not announced twice.

#include <motel/sdk/Database.h>
#include <motel/sdk/Events.h>
#include <motel/sdk/Metrics.h>

#include <string>

namespace motel::tasks {

class OverdueAnnouncer {
public:
    OverdueAnnouncer(sdk::Database& database, sdk::EventBus& events, sdk::MetricsRegistry& metrics);

    /// One run against the instant `now` (ISO 8601 UTC with milliseconds);
    /// returns how many tasks this run announced. Events are published after
    /// the claim commits.
    int run(const std::string& now);

private:
    sdk::Database& database_;
    sdk::EventBus& events_;
    sdk::Gauge& overdue_;
};

} // namespace motel::tasks
