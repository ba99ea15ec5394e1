#pragma once
/// What a task change does to suites, applied through the suites plugin's
/// SuiteDirectory inside the task change's own transaction:
///  - an open `blocksSuite` task keeps its suite out_of_order; when the last
///    one closes (completed, cancelled, deleted, unblocked, moved) the suite
///    returns to the service state it had before the first one opened
///    (SuiteBlockStore), unless someone set its service state meanwhile;
///  - completing a cleaning task of a dirty suite makes it clean (and, with
///    `plugins.tasks.requireInspection`, asks for an inspection);
///  - completing an inspection: pass makes a clean suite inspected; fail makes
///    it dirty and asks for a high-priority re-clean.
/// The pure decisions are static so they can be unit tested; the follow-up
/// tasks are returned for TaskService to create.

#include "Task.h"

#include <motel/sdk/Database.h>
#include <motel/plugins/suites/SuiteDirectory.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::tasks {

class SuiteEffects {
public:
    SuiteEffects(plugins::suites::SuiteDirectory& directory, bool requireInspection);

    /// Applies the effects of a task going from `before` (nullopt: created)
    /// to `after` (nullopt: deleted); `completed` when the change was the
    /// `complete` action. Returns the follow-up tasks to create (no ids yet).
    std::vector<Task> apply(sdk::SqlSession& session, const std::optional<Task>& before,
                            const std::optional<Task>& after, bool completed,
                            const plugins::suites::ChangeOrigin& origin);

    /// Whether creating `created` (a new, pending task) changes any suite:
    /// only then does apply() run statements for a creation.
    static bool changesSuitesOnCreation(const Task& created);
    /// Suites that `after` starts blocking.
    static std::vector<std::int64_t> suitesToBlock(const std::optional<Task>& before, const std::optional<Task>& after);
    /// Suites that `before` blocked and `after` no longer does.
    static std::vector<std::int64_t> suitesToRelease(const std::optional<Task>& before,
                                                     const std::optional<Task>& after);
    /// The change that blocks `suite` (none when it is already out of order).
    static plugins::suites::SuiteChange blockChange(const plugins::suites::Suite& suite);
    /// The change that releases `suite` back to `before`, the state it had
    /// before it was blocked (none unless it is still out of order).
    static plugins::suites::SuiteChange releaseChange(const plugins::suites::Suite& suite, const std::string& before);
    /// The change completing `task` makes to its suite as it is now.
    static plugins::suites::SuiteChange completionChange(const Task& task, const plugins::suites::Suite& suite);
    /// The tasks completing `task` asks for, given its suite before and after.
    static std::vector<Task> followUps(const Task& task, const plugins::suites::Suite& before,
                                       const plugins::suites::Suite& after, bool requireInspection);

private:
    plugins::suites::SuiteDirectory& directory_;

    /// Takes the suite out of order and remembers what it was.
    void block(sdk::SqlSession& session, std::int64_t suiteId, const plugins::suites::ChangeOrigin& origin);
    /// When no other open task blocks the suite, puts back what it was.
    void release(sdk::SqlSession& session, std::int64_t suiteId, const plugins::suites::ChangeOrigin& origin);
    bool requireInspection_;
};

} // namespace motel::tasks
