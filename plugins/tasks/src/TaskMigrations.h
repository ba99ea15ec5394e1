#pragma once
/// The tasks plugin's schema: the `tasks` table with an index for every
/// documented filter and sort (`status`, `suite_id`, `assignee_id`, `type`,
/// `priority`, `due_at` with status for `overdue`, `priority_rank`,
/// `created_at`). `suite_id` references `suites` (ON DELETE SET NULL as a
/// safety net; the plugin detaches closed tasks itself before a delete).
/// `suite_blocks` (SuiteBlockStore) remembers what a blocked suite returns to.

#include <motel/sdk/Database.h>

#include <vector>

namespace motel::tasks {

class TaskMigrations {
public:
    static std::vector<sdk::Migration> all();
};

} // namespace motel::tasks
