#pragma once
/// Everything that reads or changes tasks. Each change is one transaction
/// whose first statement is the task's compare-and-set on `version` (or its
/// insert/delete); the suite effects (SuiteEffects), follow-up tasks, and
/// the `task.*` events and metrics after commit join it. A change that loses
/// the race is retried from a fresh read, where the state machine then
/// answers 409 and If-Match 412 — so of two concurrent `complete` calls one
/// wins and the other gets 409.
///
/// Also the suites plugin's SuiteTaskHooks: the cleaning task of a check-out,
/// the open-task check before a suite is deleted, and forgetting a blocked
/// suite's earlier state when a manager sets its service state, inside the
/// suite's transaction.

#include "SuiteEffects.h"
#include "TaskChange.h"
#include "TaskCounters.h"
#include "TaskListQuery.h"
#include "TaskRepository.h"
#include "TaskStateMachine.h"

#include <motel/sdk/IfMatch.h>
#include <motel/sdk/Database.h>
#include <motel/sdk/Events.h>
#include <motel/sdk/Principal.h>
#include <motel/plugins/suites/SuiteDirectory.h>
#include <motel/plugins/suites/SuiteTaskHooks.h>

#include <optional>

namespace motel::tasks {

class TaskService : public plugins::suites::SuiteTaskHooks {
public:
    TaskService(sdk::Database& database, sdk::EventBus& events, plugins::suites::SuiteDirectory& suites,
                TaskCounters& counters, bool requireInspection);

    /// POST: 400 for the blocksSuite rule, 403 when staff create an
    /// inspection or blocking task, 404 for an unknown suite or assignee, 403
    /// when staff assign someone else.
    Task create(const Task& draft, const sdk::Principal& caller);
    /// The same rules and effects as create(), inside the caller's
    /// transaction (TaskDirectory::create): the references are looked up in
    /// `session`.
    Task createWithin(sdk::SqlSession& session, const Task& draft, const sdk::Principal& caller);
    Task get(std::int64_t id);
    /// PATCH (managers): 404, 400 for the blocksSuite rule, 404 for an
    /// unknown suite/assignee, 412.
    Task change(std::int64_t id, const TaskChange& change, const sdk::Principal& caller,
                std::optional<sdk::IfMatch> ifMatch);
    void remove(std::int64_t id, const sdk::Principal& caller, std::optional<sdk::IfMatch> ifMatch);
    /// An action: 404, 400 (outcome on a non-inspection), ownership 403, 412, 409.
    Task act(std::int64_t id, TaskAction action, const Completion& completion, const sdk::Principal& caller,
             std::optional<sdk::IfMatch> ifMatch);
    TaskPage list(const TaskFilters& filters);
    /// The same page as `GET /api/tasks`'s JSON envelope, with no Task in
    /// between (the list endpoint's path).
    std::string listJson(const TaskFilters& filters);

    // SuiteTaskHooks
    void suiteCheckedOut(sdk::SqlSession& session, const plugins::suites::Suite& suite,
                         const plugins::suites::ChangeOrigin& origin) override;
    void suiteDeleting(sdk::SqlSession& session, const plugins::suites::Suite& suite,
                       const plugins::suites::ChangeOrigin& origin) override;
    /// A manager's (or job's) service state stands: forget what the suite's
    /// blocking tasks would have restored.
    void serviceStateDecided(sdk::SqlSession& session, const plugins::suites::Suite& suite,
                             const plugins::suites::ChangeOrigin& origin) override;

    static sdk::NotFound notFound(std::int64_t id);

private:
    sdk::Database& database_;
    sdk::EventBus& events_;
    plugins::suites::SuiteDirectory& suites_;
    TaskCounters& counters_;
    SuiteEffects effects_;

    Task read(std::int64_t id);
    /// The rules of a new task that need no database: the blocksSuite rule
    /// (400), then who may create an inspection or blocking task (403).
    static void checkNew(const Task& draft, const sdk::Principal& caller);
    /// `draft` as it is created: pending.
    static Task pendingOf(const Task& draft);
    /// Inserts the checked draft as a pending task of `caller`, with its
    /// effects on its suite and their follow-up tasks.
    Task insertNew(sdk::SqlSession& session, const Task& draft, const sdk::Principal& caller, bool checkReferences);
    /// 404 when `suiteId` or `assigneeId` (when set) names nothing.
    void checkReferences(const std::optional<std::int64_t>& suiteId, const std::optional<std::int64_t>& assigneeId);
    void checkReferences(sdk::SqlSession& session, const std::optional<std::int64_t>& suiteId,
                         const std::optional<std::int64_t>& assigneeId);
    /// Inserts inside `session` and publishes `task.created` (and
    /// `task.assigned`) after commit. `checkReferences`: in the same
    /// statement, 404 when the draft's suite or assignee does not exist.
    Task insert(sdk::SqlSession& session, const Task& draft, const std::string& now, bool checkReferences = false);
    /// The 404 for a draft TaskRepository::insert refused.
    sdk::NotFound missingReference(sdk::SqlSession& session, const Task& draft);
    /// After commit: metrics, `task.updated`, and `task.assigned` when the
    /// assignee changed to someone.
    void publishChange(sdk::SqlSession& session, const Task& before, const Task& after);
    void createFollowUps(sdk::SqlSession& session, const std::vector<Task>& drafts, const std::string& now);
    static void checkVersion(const Task& current, const std::optional<sdk::IfMatch>& ifMatch);
};

} // namespace motel::tasks
