#include "TaskMigrations.h"

namespace motel::tasks {

std::vector<sdk::Migration> TaskMigrations::all() {
    return {
        {1, "create tasks",
         "CREATE TABLE tasks ("
         " id {{id}},"
         " suite_id {{bigint}} REFERENCES suites (id) ON DELETE SET NULL,"
         " type TEXT NOT NULL,"
         " title TEXT NOT NULL,"
         " description TEXT,"
         " priority TEXT NOT NULL,"
         " priority_rank INTEGER NOT NULL,"
         " status TEXT NOT NULL,"
         " assignee_id {{bigint}},"
         " due_at TEXT,"
         " started_at TEXT,"
         " completed_at TEXT,"
         " created_by_id {{bigint}},"
         " blocks_suite INTEGER NOT NULL DEFAULT 0,"
         " outcome TEXT,"
         " outcome_note TEXT,"
         " version {{bigint}} NOT NULL DEFAULT 1,"
         " created_at TEXT NOT NULL,"
         " updated_at TEXT NOT NULL);"
         "CREATE INDEX tasks_status_idx ON tasks (status);"
         "CREATE INDEX tasks_suite_status_idx ON tasks (suite_id, status);"
         "CREATE INDEX tasks_assignee_status_idx ON tasks (assignee_id, status);"
         "CREATE INDEX tasks_type_idx ON tasks (type);"
         "CREATE INDEX tasks_priority_idx ON tasks (priority);"
         "CREATE INDEX tasks_priority_rank_idx ON tasks (priority_rank);"
         "CREATE INDEX tasks_due_at_idx ON tasks (due_at);"
         "CREATE INDEX tasks_status_due_at_idx ON tasks (status, due_at);"
         "CREATE INDEX tasks_created_at_idx ON tasks (created_at);"},
        // The jobs' bookkeeping (TaskJobs): which overdue tasks were announced,
        // and one stayover cleaning per suite and UTC day.
        {2, "task jobs",
         "ALTER TABLE tasks ADD COLUMN overdue_notified_at TEXT;"
         "ALTER TABLE tasks ADD COLUMN overdue_notified_due_at TEXT;"
         "ALTER TABLE tasks ADD COLUMN stayover_day TEXT;"
         "CREATE UNIQUE INDEX tasks_suite_stayover_day_idx ON tasks (suite_id, stayover_day);"},
        // What a blocked suite returns to (SuiteBlockStore). Suites already
        // blocked when this runs were blocked under the old rule, which
        // always returned them to in_service.
        {3, "suite blocks",
         "CREATE TABLE suite_blocks ("
         " suite_id {{bigint}} PRIMARY KEY REFERENCES suites (id) ON DELETE CASCADE,"
         " service_state_before TEXT NOT NULL,"
         " blocked_at TEXT NOT NULL);"
         "INSERT INTO suite_blocks (suite_id, service_state_before, blocked_at)"
         " SELECT DISTINCT t.suite_id, 'in_service', s.updated_at FROM tasks t JOIN suites s ON s.id = t.suite_id"
         " WHERE t.blocks_suite = 1 AND t.status IN ('pending', 'in_progress')"
         " AND s.service_state = 'out_of_order';"},
    };
}

} // namespace motel::tasks
