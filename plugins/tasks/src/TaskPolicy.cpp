#include "TaskPolicy.h"

#include <motel/plugins/auth/Roles.h>
#include <motel/sdk/Errors.h>

namespace motel::tasks {

void TaskPolicy::checkCreateKind(const Task& draft, const sdk::Principal& caller) {
    if (caller.hasRole(plugins::auth::kManagerRole)) return;
    if (draft.type == "inspection") throw sdk::Forbidden("Only managers may create inspection tasks");
    if (draft.blocksSuite) throw sdk::Forbidden("Only managers may create tasks that block a suite");
}

bool TaskPolicy::mayCreate(const std::optional<std::int64_t>& assigneeId, const sdk::Principal& caller) {
    return caller.hasRole(plugins::auth::kManagerRole) || !assigneeId || *assigneeId == caller.id;
}

void TaskPolicy::checkCreate(const std::optional<std::int64_t>& assigneeId, const sdk::Principal& caller) {
    if (!mayCreate(assigneeId, caller))
        throw sdk::Forbidden("Staff may only create tasks that are unassigned or assigned to themselves");
}

void TaskPolicy::checkAction(const Task& task, TaskAction action, const sdk::Principal& caller) {
    if (caller.hasRole(plugins::auth::kManagerRole)) return;
    if (TaskStateMachine::managersOnly(action)) throw sdk::Forbidden();
    if (task.assigneeId && *task.assigneeId != caller.id)
        throw sdk::Forbidden("Task " + std::to_string(task.id) + " is assigned to someone else");
}

} // namespace motel::tasks
