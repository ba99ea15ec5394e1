#pragma once
/// Rules on a task's fields, free of HTTP and SQL: applying a PATCH, and the
/// `blocksSuite` rule (it needs type `maintenance` and a suiteId; 400
/// otherwise). Pure, unit tested.

#include "Task.h"
#include "TaskChange.h"

namespace motel::tasks {

class TaskRules {
public:
    /// `task` with `change` applied (an outcome is dropped when the type is
    /// no longer `inspection`).
    static Task applyChange(const Task& task, const TaskChange& change);
    /// Throws sdk::ValidationError when `task.blocksSuite` is set without
    /// type maintenance or without a suite.
    static void checkBlocking(const Task& task);
    /// Throws sdk::ValidationError when `completion` carries an outcome or a
    /// note for a task that is not an inspection.
    static void checkCompletion(const Task& task, const Completion& completion);
    /// Whether the two differ in any stored field (no change: no new version).
    static bool differ(const Task& a, const Task& b);
};

} // namespace motel::tasks
