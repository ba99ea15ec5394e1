#pragma once
/// `GET /api/tasks`: reads the filters (`status` as a comma list, `suiteId`,
/// `assigneeId`, `type`, `priority`, `mine=true`, `overdue=true`), the sort
/// (`dueAt`, `priority` by rank, `createdAt`; `-` for descending; default by
/// id) and the page, and builds the one SELECT that serves them (with
/// `total_count`). Each filter and sort column has an index (TaskMigrations).

#include <motel/sdk/ListQuery.h>
#include <motel/sdk/Request.h>
#include <motel/sdk/SqlQuery.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::tasks {

struct TaskFilters {
    std::optional<std::vector<std::string>> statuses;
    std::optional<std::int64_t> suiteId;
    std::optional<std::int64_t> assigneeId;
    std::optional<std::string> type;
    std::optional<std::string> priority;
    std::optional<std::int64_t> mineOf;   ///< `mine=true`: the caller's id
    std::optional<std::string> overdueAt; ///< `overdue=true`: due before this instant and open
    sdk::SortOrder sort;
    std::int64_t limit = 50;
    std::int64_t offset = 0;
};

class TaskListQuery {
public:
    /// Throws sdk::ValidationError for a bad filter, sort or page. `now` is the
    /// instant `overdue` compares against.
    static TaskFilters read(const sdk::Request& request, const std::string& now);
    static sdk::SqlQuery page(const TaskFilters& filters);
    static sdk::SqlQuery count(const TaskFilters& filters);

private:
    static std::string where(const TaskFilters& filters, sdk::SqlQuery& query);
};

} // namespace motel::tasks
