#pragma once
/// Who may do what to a task beyond the route's roles: staff create tasks
/// only unassigned or for themselves, and start/complete/release only tasks
/// that are theirs or unassigned. Managers and admins may do everything.
/// Throws sdk::Forbidden: the contract's "ownership 403" and, for what staff
/// may not create at all (inspections, blocking tasks), its "role 403",
/// which comes before the 404 of an unknown suite or assignee.

#include "Task.h"
#include "TaskStateMachine.h"

#include <motel/sdk/Principal.h>

#include <cstdint>
#include <optional>

namespace motel::tasks {

class TaskPolicy {
public:
    /// Whether `caller` may create a task for `assigneeId` (checkCreate without the throw).
    /// Staff may not create an `inspection` task (a housekeeper does not pass
    /// a suite on their own initiative) nor one with `blocksSuite` (taking a
    /// suite out of order is a manager's call). A staff member assigned to an
    /// inspection by a manager still starts and completes it.
    static void checkCreateKind(const Task& draft, const sdk::Principal& caller);
    static bool mayCreate(const std::optional<std::int64_t>& assigneeId, const sdk::Principal& caller);
    static void checkCreate(const std::optional<std::int64_t>& assigneeId, const sdk::Principal& caller);
    static void checkAction(const Task& task, TaskAction action, const sdk::Principal& caller);
};

} // namespace motel::tasks
