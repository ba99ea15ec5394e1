#pragma once
/// The `tasks` table. Changes to an existing task are compare-and-set on
/// `version` (`... WHERE id = $1 AND version = $2`): of two concurrent
/// changes to the same version exactly one applies.

#include "Task.h"

#include <motel/sdk/Database.h>
#include <motel/sdk/PagedQuery.h>
#include <motel/sdk/SqlQuery.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace motel::tasks {

using TaskPage = sdk::Page<Task>;

class TaskRepository {
public:
    static const std::string& columns();
    static Task fromRow(const sdk::Row& row);
    /// `sort=priority` orders by this rank (low 0 < normal 1 < high 2 < urgent 3).
    static std::int64_t priorityRank(const std::string& priority);

    static std::optional<Task> find(sdk::SqlSession& session, std::int64_t id);
    /// Inserts `task` (id, version and timestamps set here).
    static Task insert(sdk::SqlSession& session, const Task& task, const std::string& now);
    /// The same, unless its suiteId or assigneeId is set and names no row:
    /// then nothing is written and the result is nullopt. One statement that
    /// checks and inserts, for PostgreSQL, where every statement costs round
    /// trips.
    static std::optional<Task> insertIfReferencesExist(sdk::SqlSession& session, const Task& task,
                                                       const std::string& now);
    /// Writes every field of `next` when the stored version is still
    /// `expectedVersion`; nullopt when it moved on.
    static std::optional<Task> compareAndSet(sdk::SqlSession& session, const Task& next, std::int64_t expectedVersion,
                                             const std::string& now);
    /// Deletes the task when the stored version is still `expectedVersion`.
    static bool removeIfVersion(sdk::SqlSession& session, std::int64_t id, std::int64_t expectedVersion);

    /// Open tasks (pending, in progress) of a suite.
    static std::int64_t openCountForSuite(sdk::SqlSession& session, std::int64_t suiteId);
    /// Open tasks with blocksSuite set for a suite.
    static std::int64_t openBlockersForSuite(sdk::SqlSession& session, std::int64_t suiteId);
    /// Sets suiteId to null on a suite's closed tasks (before the suite is
    /// deleted); returns them as they are afterwards.
    static std::vector<Task> detachClosed(sdk::SqlSession& session, std::int64_t suiteId, const std::string& now);

    static TaskPage list(sdk::SqlSession& session, const sdk::SqlQuery& page, const sdk::SqlQuery& count, bool pastEnd);
    /// The same page as the list envelope's JSON, rendered straight from the
    /// rows (sdk::ResourceList).
    static std::string listJson(sdk::SqlSession& session, const sdk::SqlQuery& page, const sdk::SqlQuery& count,
                                std::int64_t limit, std::int64_t offset);
    /// Task count per status.
    static std::map<std::string, std::int64_t> countByStatus(sdk::SqlSession& session);
    /// Open tasks (pending, in_progress) whose `dueAt` is before `now` (ISO 8601 UTC).
    static std::int64_t countOverdue(sdk::SqlSession& session, const std::string& now);
    static bool userExists(sdk::SqlSession& session, std::int64_t userId);
};

} // namespace motel::tasks
