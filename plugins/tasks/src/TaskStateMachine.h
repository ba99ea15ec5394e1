#pragma once
/// The task life cycle, exactly as the contract draws it; anything else is a
/// 409 that changes nothing:
///   start    pending → in_progress      sets startedAt; an unassigned task becomes the caller's
///   complete in_progress → completed    sets completedAt
///   release  in_progress → pending      clears startedAt, keeps the assignee
///   cancel   pending | in_progress → cancelled   (manager+)
///   reopen   completed | cancelled → pending     clears startedAt, completedAt, outcome
/// Pure: the effects on suites are SuiteEffects' business.

#include "Task.h"

#include <cstdint>
#include <optional>
#include <string>

namespace motel::tasks {

enum class TaskAction { start, complete, release, cancel, reopen };

class TaskStateMachine {
public:
    static const char* name(TaskAction action);
    /// Whether only managers and admins may take `action` (cancel, reopen).
    static bool managersOnly(TaskAction action);
    /// The status `action` leads to from `status`; nullopt when not allowed.
    static std::optional<std::string> target(TaskAction action, const std::string& status);
    /// `task` after `action` taken by `callerId` at `now`. Throws
    /// sdk::Conflict when the transition is not allowed.
    static Task apply(const Task& task, TaskAction action, std::int64_t callerId, const std::string& now);
};

} // namespace motel::tasks
