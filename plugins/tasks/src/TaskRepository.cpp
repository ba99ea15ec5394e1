#include "TaskRepository.h"

#include "TaskSchema.h"

#include <motel/sdk/ResourceList.h>

#include <algorithm>
#include <iterator>

namespace motel::tasks {

namespace {

sdk::SqlValue integer(std::int64_t value) {
    return static_cast<Poco::Int64>(value);
}

sdk::SqlValue orNull(const std::optional<std::int64_t>& value) {
    return value ? sdk::SqlValue(static_cast<Poco::Int64>(*value)) : sdk::SqlValue();
}

sdk::SqlValue orNull(const std::optional<std::string>& value) {
    return value ? sdk::SqlValue(*value) : sdk::SqlValue();
}

/// The values of every writable column, in the order of kWritable.
sdk::SqlParams writableValues(const Task& task) {
    return {orNull(task.suiteId),
            task.type,
            task.title,
            orNull(task.description),
            task.priority,
            integer(TaskRepository::priorityRank(task.priority)),
            task.status,
            orNull(task.assigneeId),
            orNull(task.dueAt),
            orNull(task.startedAt),
            orNull(task.completedAt),
            orNull(task.createdById),
            integer(task.blocksSuite ? 1 : 0),
            orNull(task.outcome),
            orNull(task.outcomeNote)};
}

const char* const kWritable[] = {"suite_id",      "type",          "title",        "description", "priority",
                                 "priority_rank", "status",        "assignee_id",  "due_at",      "started_at",
                                 "completed_at",  "created_by_id", "blocks_suite", "outcome",     "outcome_note"};

/// The SQL type of each kWritable column. An INSERT ... SELECT names the
/// types of its placeholders: PostgreSQL cannot infer them from a SELECT list.
const char* const kWritableTypes[] = {"BIGINT", "TEXT", "TEXT", "TEXT",   "TEXT",    "INTEGER", "TEXT", "BIGINT",
                                      "TEXT",   "TEXT", "TEXT", "BIGINT", "INTEGER", "TEXT",    "TEXT"};
static_assert(std::size(kWritable) == std::size(kWritableTypes));

/// Placeholders of suite_id and assignee_id in writableValues().
constexpr const char* kSuiteParam = "CAST($1 AS BIGINT)";
constexpr const char* kAssigneeParam = "CAST($8 AS BIGINT)";

/// `INSERT INTO tasks (...) VALUES ($1, ...) RETURNING ...`, or with
/// `checked`: `INSERT INTO tasks (...) SELECT $1, ... WHERE <the suite and
/// the assignee exist, when set> RETURNING ...`.
std::string insertSql(bool checked, const std::string& returning) {
    std::string names;
    std::string values;
    std::size_t n = 0;
    for (const char* column : kWritable) {
        const std::string placeholder = "$" + std::to_string(n + 1);
        names += std::string(n ? ", " : "") + column;
        values += std::string(n ? ", " : "") +
                  (checked ? "CAST(" + placeholder + " AS " + kWritableTypes[n] + ")" : placeholder);
        ++n;
    }
    const std::string now = checked ? "CAST($" + std::to_string(n + 1) + " AS TEXT)" : "$" + std::to_string(n + 1);
    const std::string into = "INSERT INTO tasks (" + names + ", version, created_at, updated_at) ";
    if (!checked) return into + "VALUES (" + values + ", 1, " + now + ", " + now + ") RETURNING " + returning;
    return into + "SELECT " + values + ", 1, " + now + ", " + now + " WHERE (" + kSuiteParam +
           " IS NULL OR EXISTS (SELECT 1 FROM suites WHERE id = " + kSuiteParam + ")) AND (" + kAssigneeParam +
           " IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = " + kAssigneeParam +
           " AND deleted_at IS NULL)) RETURNING " + returning;
}

} // namespace

const std::string& TaskRepository::columns() {
    return taskSchema().columns();
}

Task TaskRepository::fromRow(const sdk::Row& row) {
    return taskSchema().read(row);
}

std::int64_t TaskRepository::priorityRank(const std::string& priority) {
    const auto& ranks = taskPriorities();
    const auto found = std::find(ranks.begin(), ranks.end(), priority);
    return found == ranks.end() ? 1 : static_cast<std::int64_t>(found - ranks.begin());
}

std::optional<Task> TaskRepository::find(sdk::SqlSession& session, std::int64_t id) {
    const auto rows = session.query("SELECT " + columns() + " FROM tasks WHERE id = $1", {integer(id)});
    if (rows.empty()) return std::nullopt;
    return fromRow(rows.front());
}

Task TaskRepository::insert(sdk::SqlSession& session, const Task& task, const std::string& now) {
    static const std::string sql = insertSql(false, columns());
    sdk::SqlParams params = writableValues(task);
    params.push_back(now);
    return fromRow(session.query(sql, params).at(0));
}

std::optional<Task> TaskRepository::insertIfReferencesExist(sdk::SqlSession& session, const Task& task,
                                                            const std::string& now) {
    static const std::string sql = insertSql(true, columns());
    sdk::SqlParams params = writableValues(task);
    params.push_back(now);
    const auto rows = session.query(sql, params);
    if (rows.empty()) return std::nullopt;
    return fromRow(rows.front());
}

std::optional<Task> TaskRepository::compareAndSet(sdk::SqlSession& session, const Task& next,
                                                  std::int64_t expectedVersion, const std::string& now) {
    sdk::SqlParams params{integer(next.id), integer(expectedVersion), now};
    std::string assignments = "updated_at = $3, version = version + 1";
    const sdk::SqlParams values = writableValues(next);
    for (std::size_t i = 0; i < values.size(); ++i) {
        params.push_back(values[i]);
        assignments += std::string(", ") + kWritable[i] + " = $" + std::to_string(params.size());
    }
    const auto rows = session.query(
        "UPDATE tasks SET " + assignments + " WHERE id = $1 AND version = $2 RETURNING " + columns(), params);
    if (rows.empty()) return std::nullopt;
    return fromRow(rows.front());
}

bool TaskRepository::removeIfVersion(sdk::SqlSession& session, std::int64_t id, std::int64_t expectedVersion) {
    return session.execute("DELETE FROM tasks WHERE id = $1 AND version = $2",
                           {integer(id), integer(expectedVersion)}) == 1;
}

std::int64_t TaskRepository::openCountForSuite(sdk::SqlSession& session, std::int64_t suiteId) {
    const auto rows =
        session.query("SELECT COUNT(*) AS n FROM tasks WHERE suite_id = $1 AND status IN ('pending', 'in_progress')",
                      {integer(suiteId)});
    return rows.empty() ? 0 : rows.front().integer("n");
}

std::int64_t TaskRepository::openBlockersForSuite(sdk::SqlSession& session, std::int64_t suiteId) {
    const auto rows = session.query("SELECT COUNT(*) AS n FROM tasks WHERE suite_id = $1 AND blocks_suite = 1 "
                                    "AND status IN ('pending', 'in_progress')",
                                    {integer(suiteId)});
    return rows.empty() ? 0 : rows.front().integer("n");
}

std::vector<Task> TaskRepository::detachClosed(sdk::SqlSession& session, std::int64_t suiteId, const std::string& now) {
    const auto rows = session.query("UPDATE tasks SET suite_id = NULL, blocks_suite = 0, updated_at = $2, "
                                    "version = version + 1 WHERE suite_id = $1 RETURNING " +
                                        columns(),
                                    {integer(suiteId), now});
    std::vector<Task> detached;
    for (const auto& row : rows) detached.push_back(fromRow(row));
    return detached;
}

TaskPage TaskRepository::list(sdk::SqlSession& session, const sdk::SqlQuery& page, const sdk::SqlQuery& count,
                              bool pastEnd) {
    return sdk::PagedQuery::fetch<Task>(session, page, count, pastEnd, &TaskRepository::fromRow);
}

std::string TaskRepository::listJson(sdk::SqlSession& session, const sdk::SqlQuery& page, const sdk::SqlQuery& count,
                                     std::int64_t limit, std::int64_t offset) {
    return sdk::ResourceList::render(session, page, count, limit, offset, taskSchema());
}

std::map<std::string, std::int64_t> TaskRepository::countByStatus(sdk::SqlSession& session) {
    std::map<std::string, std::int64_t> counts;
    for (const auto& row : session.query("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status"))
        counts[row.text("status")] = row.integer("n");
    return counts;
}

std::int64_t TaskRepository::countOverdue(sdk::SqlSession& session, const std::string& now) {
    const auto rows = session.query("SELECT COUNT(*) AS n FROM tasks WHERE status IN ('pending', 'in_progress') "
                                    "AND due_at IS NOT NULL AND due_at < $1",
                                    {now});
    return rows.at(0).integer("n");
}

bool TaskRepository::userExists(sdk::SqlSession& session, std::int64_t userId) {
    // A deleted user (auth plugin) is gone for the API: not a valid assignee.
    return !session.query("SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL", {integer(userId)}).empty();
}

} // namespace motel::tasks
