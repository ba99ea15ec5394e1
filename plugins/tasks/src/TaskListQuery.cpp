#include "TaskListQuery.h"

#include "Task.h"
#include "TaskRepository.h"

#include <motel/sdk/PagedQuery.h>

namespace motel::tasks {

TaskFilters TaskListQuery::read(const sdk::Request& request, const std::string& now) {
    sdk::ListQuery list(request, {"dueAt", "priority", "createdAt"});
    TaskFilters filters;
    filters.statuses = list.enumListFilter("status", taskStatuses());
    filters.suiteId = list.integerFilter("suiteId");
    filters.assigneeId = list.integerFilter("assigneeId");
    filters.type = list.enumFilter("type", taskTypes());
    filters.priority = list.enumFilter("priority", taskPriorities());
    const auto mine = list.booleanFilter("mine");
    const auto overdue = list.booleanFilter("overdue");
    list.finish();
    if (mine.value_or(false)) filters.mineOf = request.caller().id;
    if (overdue.value_or(false)) filters.overdueAt = now;
    filters.sort = list.sort();
    filters.limit = list.limit();
    filters.offset = list.offset();
    return filters;
}

std::string TaskListQuery::where(const TaskFilters& filters, sdk::SqlQuery& query) {
    std::string clause;
    auto add = [&](const std::string& condition) { clause += (clause.empty() ? " WHERE " : " AND ") + condition; };
    if (filters.statuses) {
        std::string in;
        for (const auto& status : *filters.statuses) in += (in.empty() ? "" : ", ") + query.bind(status);
        add("status IN (" + in + ")");
    }
    if (filters.suiteId) add("suite_id = " + query.bind(static_cast<Poco::Int64>(*filters.suiteId)));
    if (filters.assigneeId) add("assignee_id = " + query.bind(static_cast<Poco::Int64>(*filters.assigneeId)));
    if (filters.mineOf) add("assignee_id = " + query.bind(static_cast<Poco::Int64>(*filters.mineOf)));
    if (filters.type) add("type = " + query.bind(*filters.type));
    if (filters.priority) add("priority = " + query.bind(*filters.priority));
    if (filters.overdueAt)
        add("due_at < " + query.bind(*filters.overdueAt) + " AND status IN ('pending', 'in_progress')");
    return clause;
}

sdk::SqlQuery TaskListQuery::page(const TaskFilters& filters) {
    sdk::SqlQuery query;
    const std::string clause = where(filters, query);
    const std::string direction = filters.sort.descending ? " DESC" : " ASC";
    std::string order = " ORDER BY ";
    if (filters.sort.field == "dueAt")
        order += "(due_at IS NULL) ASC, due_at" + direction + ", "; // tasks without a due date last
    else if (filters.sort.field == "priority")
        order += "priority_rank" + direction + ", ";
    else if (filters.sort.field == "createdAt")
        order += "created_at" + direction + ", ";
    order += "id ASC";
    return sdk::PagedQuery::page(std::move(query), TaskRepository::columns(), "tasks", clause, order, filters.limit,
                                 filters.offset);
}

sdk::SqlQuery TaskListQuery::count(const TaskFilters& filters) {
    sdk::SqlQuery query;
    const std::string clause = where(filters, query);
    return sdk::PagedQuery::count(std::move(query), "tasks", clause);
}

} // namespace motel::tasks
