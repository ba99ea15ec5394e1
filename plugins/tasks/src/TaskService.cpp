#include "TaskService.h"

#include "SuiteBlockStore.h"
#include "TaskJson.h"
#include "TaskPolicy.h"
#include "TaskRules.h"

#include <motel/plugins/Topics.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/Time.h>

#include <Poco/JSON/Object.h>

namespace motel::tasks {

namespace {

namespace topics = plugins::topics;

/// The intent event of a status change, if it is one (Topics.h).
const char* intentOf(const std::string& from, const std::string& to) {
    if (from == to) return nullptr;
    if (to == "completed") return topics::kTaskCompleted;
    if (to == "cancelled") return topics::kTaskCancelled;
    if ((from == "completed" || from == "cancelled") && to == "pending") return topics::kTaskReopened;
    return nullptr;
}

/// A change that keeps losing the race this many times in a row is answered
/// with 409 instead of spinning.
constexpr int kMaxAttempts = 5;

sdk::Conflict keptChanging(std::int64_t id) {
    return sdk::Conflict("Task " + std::to_string(id) + " kept changing while it was being updated; try again");
}

plugins::suites::ChangeOrigin originOf(const sdk::Principal& caller, std::int64_t taskId) {
    return plugins::suites::ChangeOrigin{caller.id, "task", taskId};
}

} // namespace

TaskService::TaskService(sdk::Database& database, sdk::EventBus& events, plugins::suites::SuiteDirectory& suites,
                         TaskCounters& counters, bool requireInspection)
    : database_(database), events_(events), suites_(suites), counters_(counters), effects_(suites, requireInspection) {}

sdk::NotFound TaskService::notFound(std::int64_t id) {
    return sdk::NotFound("Task " + std::to_string(id) + " not found");
}

Task TaskService::read(std::int64_t id) {
    std::optional<Task> task;
    database_.withSession([&](sdk::SqlSession& session) { task = TaskRepository::find(session, id); });
    if (!task) throw notFound(id);
    return *task;
}

void TaskService::checkVersion(const Task& current, const std::optional<sdk::IfMatch>& ifMatch) {
    if (ifMatch) ifMatch->require("Task " + std::to_string(current.id), current.version);
}

void TaskService::checkReferences(const std::optional<std::int64_t>& suiteId,
                                  const std::optional<std::int64_t>& assigneeId) {
    if (!suiteId && !assigneeId) return;
    database_.withSession([&](sdk::SqlSession& session) { checkReferences(session, suiteId, assigneeId); });
}

void TaskService::checkReferences(sdk::SqlSession& session, const std::optional<std::int64_t>& suiteId,
                                  const std::optional<std::int64_t>& assigneeId) {
    if (suiteId && !suites_.find(session, *suiteId))
        throw sdk::NotFound("Suite " + std::to_string(*suiteId) + " not found");
    if (assigneeId && !TaskRepository::userExists(session, *assigneeId))
        throw sdk::NotFound("User " + std::to_string(*assigneeId) + " not found");
}

Task TaskService::insert(sdk::SqlSession& session, const Task& draft, const std::string& now, bool checkReferences) {
    const auto inserted = checkReferences ? TaskRepository::insertIfReferencesExist(session, draft, now)
                                          : std::optional<Task>(TaskRepository::insert(session, draft, now));
    if (!inserted) throw missingReference(session, draft);
    const Task created = *inserted;
    session.afterCommit([this, created] {
        counters_.moved(std::nullopt, created.status);
        const auto payload = TaskJson::object(created);
        events_.publish(topics::kTaskCreated, payload);
        if (created.assigneeId) events_.publish(topics::kTaskAssigned, payload);
    });
    return created;
}

sdk::NotFound TaskService::missingReference(sdk::SqlSession& session, const Task& draft) {
    if (draft.suiteId && !suites_.find(session, *draft.suiteId))
        return sdk::NotFound("Suite " + std::to_string(*draft.suiteId) + " not found");
    return sdk::NotFound("User " + std::to_string(draft.assigneeId.value_or(0)) + " not found");
}

void TaskService::publishChange(sdk::SqlSession& session, const Task& before, const Task& after) {
    const bool newAssignee = after.assigneeId && after.assigneeId != before.assigneeId;
    const std::string fromStatus = before.status;
    const char* intent = intentOf(fromStatus, after.status);
    session.afterCommit([this, after, fromStatus, newAssignee, intent] {
        counters_.moved(fromStatus, after.status);
        const auto payload = TaskJson::object(after);
        events_.publish(topics::kTaskUpdated, payload);
        if (newAssignee) events_.publish(topics::kTaskAssigned, payload);
        if (intent) events_.publish(intent, payload);
    });
}

void TaskService::createFollowUps(sdk::SqlSession& session, const std::vector<Task>& drafts, const std::string& now) {
    for (const Task& draft : drafts) insert(session, draft, now);
}

void TaskService::checkNew(const Task& draft, const sdk::Principal& caller) {
    TaskRules::checkBlocking(draft);
    TaskPolicy::checkCreateKind(draft, caller);
}

Task TaskService::pendingOf(const Task& draft) {
    Task task = draft;
    task.status = "pending";
    return task;
}

Task TaskService::insertNew(sdk::SqlSession& session, const Task& draft, const sdk::Principal& caller,
                            bool checkReferences) {
    Task task = pendingOf(draft);
    task.createdById = caller.id;
    const std::string now = sdk::nowTimestamp();
    const Task created = insert(session, task, now, checkReferences);
    createFollowUps(session, effects_.apply(session, std::nullopt, created, false, originOf(caller, created.id)), now);
    return created;
}

Task TaskService::create(const Task& draft, const sdk::Principal& caller) {
    checkNew(draft, caller);
    // An unknown suite or assignee (404) is answered before the ownership
    // 403. On PostgreSQL, where every statement costs round trips, the INSERT
    // checks both references itself and only a caller the policy refuses pays
    // for looking them up first. On SQLite the look-up stays outside the
    // transaction: everything inside holds the database's single write lock,
    // and the bigger checking INSERT there doubled the p99 of concurrent
    // creates (bench/domain).
    const bool insertChecks = database_.dialect() == sdk::Dialect::postgresql;
    if (!insertChecks || !TaskPolicy::mayCreate(draft.assigneeId, caller)) {
        checkReferences(draft.suiteId, draft.assigneeId);
        TaskPolicy::checkCreate(draft.assigneeId, caller);
    }

    std::optional<Task> created;
    const auto create = [&](sdk::SqlSession& session) { created = insertNew(session, draft, caller, insertChecks); };
    if (insertChecks && !SuiteEffects::changesSuitesOnCreation(pendingOf(draft))) {
        // The whole creation is then the one INSERT that checks both
        // references: sent on its own it is its own transaction (PostgreSQL
        // runs a statement outside BEGIN atomically, its checks included),
        // one round trip instead of two (BEGIN + INSERT, then COMMIT). The
        // after-commit events follow the INSERT's success, as after COMMIT.
        database_.withSession(create);
    } else {
        database_.transaction(create);
    }
    return *created;
}

Task TaskService::createWithin(sdk::SqlSession& session, const Task& draft, const sdk::Principal& caller) {
    checkNew(draft, caller);
    checkReferences(session, draft.suiteId, draft.assigneeId);
    TaskPolicy::checkCreate(draft.assigneeId, caller);
    return insertNew(session, draft, caller, false);
}

Task TaskService::get(std::int64_t id) {
    return read(id);
}

Task TaskService::change(std::int64_t id, const TaskChange& change, const sdk::Principal& caller,
                         std::optional<sdk::IfMatch> ifMatch) {
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
        const Task current = read(id);
        const Task next = TaskRules::applyChange(current, change);
        TaskRules::checkBlocking(next);
        checkReferences(next.suiteId != current.suiteId ? next.suiteId : std::nullopt,
                        next.assigneeId != current.assigneeId ? next.assigneeId : std::nullopt);
        checkVersion(current, ifMatch);
        if (!TaskRules::differ(current, next)) return current;

        std::optional<Task> updated;
        database_.transaction([&](sdk::SqlSession& session) {
            const std::string now = sdk::nowTimestamp();
            updated = TaskRepository::compareAndSet(session, next, current.version, now);
            if (!updated) return; // someone else changed it first: read again
            publishChange(session, current, *updated);
            createFollowUps(session, effects_.apply(session, current, *updated, false, originOf(caller, id)), now);
        });
        if (updated) return *updated;
    }
    throw keptChanging(id);
}

void TaskService::remove(std::int64_t id, const sdk::Principal& caller, std::optional<sdk::IfMatch> ifMatch) {
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
        const Task current = read(id);
        checkVersion(current, ifMatch);
        bool removed = false;
        database_.transaction([&](sdk::SqlSession& session) {
            if (!TaskRepository::removeIfVersion(session, id, current.version)) return;
            removed = true;
            const std::string status = current.status;
            session.afterCommit([this, id, status] {
                counters_.moved(status, std::nullopt);
                Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
                payload->set("id", static_cast<Poco::Int64>(id));
                events_.publish(topics::kTaskDeleted, payload);
            });
            effects_.apply(session, current, std::nullopt, false, originOf(caller, id));
        });
        if (removed) return;
    }
    throw keptChanging(id);
}

Task TaskService::act(std::int64_t id, TaskAction action, const Completion& completion, const sdk::Principal& caller,
                      std::optional<sdk::IfMatch> ifMatch) {
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
        const Task current = read(id);
        TaskRules::checkCompletion(current, completion);
        TaskPolicy::checkAction(current, action, caller);
        checkVersion(current, ifMatch);
        const std::string now = sdk::nowTimestamp();
        Task next = TaskStateMachine::apply(current, action, caller.id, now);
        if (action == TaskAction::complete && next.type == "inspection") {
            next.outcome = completion.outcome.value_or("pass");
            next.outcomeNote = completion.note;
        }

        std::optional<Task> updated;
        database_.transaction([&](sdk::SqlSession& session) {
            updated = TaskRepository::compareAndSet(session, next, current.version, now);
            if (!updated) return; // lost the race: the fresh read decides (409, 412 or a retry)
            publishChange(session, current, *updated);
            const bool completed = action == TaskAction::complete;
            createFollowUps(session, effects_.apply(session, current, *updated, completed, originOf(caller, id)), now);
        });
        if (updated) return *updated;
    }
    throw keptChanging(id);
}

void TaskService::serviceStateDecided(sdk::SqlSession& session, const plugins::suites::Suite& suite,
                                      const plugins::suites::ChangeOrigin& /*origin*/) {
    SuiteBlockStore::forget(session, suite.id);
}

TaskPage TaskService::list(const TaskFilters& filters) {
    TaskPage page;
    database_.withSession([&](sdk::SqlSession& session) {
        page = TaskRepository::list(session, TaskListQuery::page(filters), TaskListQuery::count(filters),
                                    filters.offset > 0);
    });
    return page;
}

std::string TaskService::listJson(const TaskFilters& filters) {
    std::string json;
    database_.withSession([&](sdk::SqlSession& session) {
        json = TaskRepository::listJson(session, TaskListQuery::page(filters), TaskListQuery::count(filters),
                                        filters.limit, filters.offset);
    });
    return json;
}

void TaskService::suiteCheckedOut(sdk::SqlSession& session, const plugins::suites::Suite& suite,
                                  const plugins::suites::ChangeOrigin& origin) {
    Task cleaning;
    cleaning.suiteId = suite.id;
    cleaning.type = "cleaning";
    cleaning.title = "Clean suite " + suite.number;
    cleaning.createdById = origin.actorId;
    insert(session, cleaning, sdk::nowTimestamp());
}

void TaskService::suiteDeleting(sdk::SqlSession& session, const plugins::suites::Suite& suite,
                                const plugins::suites::ChangeOrigin& origin) {
    const std::int64_t open = TaskRepository::openCountForSuite(session, suite.id);
    if (open > 0)
        throw sdk::Conflict("Suite " + suite.number + " has " + std::to_string(open) +
                            " open task(s); complete or cancel them first");
    SuiteBlockStore::forget(session, suite.id);
    for (const Task& task : TaskRepository::detachClosed(session, suite.id, sdk::nowTimestamp())) {
        session.afterCommit([this, task] { events_.publish(topics::kTaskUpdated, TaskJson::object(task)); });
    }
}

} // namespace motel::tasks
