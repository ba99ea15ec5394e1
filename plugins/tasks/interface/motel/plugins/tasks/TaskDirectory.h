#pragma once
/// Published interface of the `tasks` plugin (interface version 1.0): what
/// another plugin needs to find tasks and to put one on the board. Every
/// call takes the caller's open SqlSession, so a task created here commits
/// or rolls back together with the caller's own writes.
///
///   // info().dependencies lists "tasks"; in start():
///   tasks_ = context.services().require<plugins::tasks::TaskDirectory>();
///   // in a handler, inside context.database().transaction(...):
///   plugins::tasks::NewTask draft;
///   draft.type = "maintenance";
///   draft.title = "Replace the kettle";
///   draft.suiteId = suiteId;
///   const auto task = tasks_->create(session, draft, request.principal());
///
/// create() applies exactly the rules of `POST /api/tasks` (the same code):
/// sdk::ValidationError (400) naming each bad field, the blocksSuite rule
/// (400), sdk::Forbidden (403) when `actor` may not create an inspection or
/// blocking task or assign someone else, sdk::NotFound (404) for an unknown
/// suite (checked through the suites plugin) or assignee; then the task's
/// effects on its suite (a blocking task takes it out of order) join the
/// transaction, and `task.created` (and `task.assigned`) are published after
/// the commit, never for a rollback. An exception leaves the caller's
/// transaction to roll back.
///
/// Header-only and abstract: the implementation and its vtable live in
/// tasks.so. The lookup names kVersion, the version the caller was compiled
/// against; the host refuses it when the major differs from what tasks
/// provides (or the caller needs a newer minor), naming both versions. Bump
/// the minor for added virtual functions at the end, the major for anything
/// else.

#include <motel/plugins/tasks/NewTask.h>
#include <motel/plugins/tasks/Task.h>
#include <motel/sdk/Database.h>
#include <motel/sdk/Principal.h>
#include <motel/sdk/Services.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace motel::plugins::tasks {

inline constexpr const char* kTaskDirectoryService = "tasks.directory";

class TaskDirectory {
public:
    static constexpr const char* kServiceName = kTaskDirectoryService;
    static constexpr sdk::InterfaceVersion kVersion{1, 0};

    virtual ~TaskDirectory() = default;

    /// The task as `session` sees it now; nullopt when there is none.
    virtual std::optional<Task> find(sdk::SqlSession& session, std::int64_t id) = 0;

    /// The open tasks (pending, in_progress) of suite `suiteId`, by id.
    virtual std::vector<Task> openTasksOfSuite(sdk::SqlSession& session, std::int64_t suiteId) = 0;

    /// Creates a task inside `session`'s transaction as `actor` (its
    /// createdById; its role decides what it may create), with the rules
    /// above. Returns the task as stored.
    virtual Task create(sdk::SqlSession& session, const NewTask& draft, const sdk::Principal& actor) = 0;
};

} // namespace motel::plugins::tasks
