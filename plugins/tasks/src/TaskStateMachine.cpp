#include "TaskStateMachine.h"

#include <motel/sdk/Errors.h>

namespace motel::tasks {

const char* TaskStateMachine::name(TaskAction action) {
    switch (action) {
    case TaskAction::start:
        return "start";
    case TaskAction::complete:
        return "complete";
    case TaskAction::release:
        return "release";
    case TaskAction::cancel:
        return "cancel";
    case TaskAction::reopen:
        return "reopen";
    }
    return "?";
}

bool TaskStateMachine::managersOnly(TaskAction action) {
    return action == TaskAction::cancel || action == TaskAction::reopen;
}

std::optional<std::string> TaskStateMachine::target(TaskAction action, const std::string& status) {
    switch (action) {
    case TaskAction::start:
        if (status == "pending") return std::string("in_progress");
        break;
    case TaskAction::complete:
        if (status == "in_progress") return std::string("completed");
        break;
    case TaskAction::release:
        if (status == "in_progress") return std::string("pending");
        break;
    case TaskAction::cancel:
        if (status == "pending" || status == "in_progress") return std::string("cancelled");
        break;
    case TaskAction::reopen:
        if (status == "completed" || status == "cancelled") return std::string("pending");
        break;
    }
    return std::nullopt;
}

Task TaskStateMachine::apply(const Task& task, TaskAction action, std::int64_t callerId, const std::string& now) {
    const auto status = target(action, task.status);
    if (!status)
        throw sdk::Conflict("Cannot " + std::string(name(action)) + " task " + std::to_string(task.id) + ": it is " +
                            task.status);
    Task next = task;
    next.status = *status;
    switch (action) {
    case TaskAction::start:
        next.startedAt = now;
        if (!next.assigneeId) next.assigneeId = callerId;
        break;
    case TaskAction::complete:
        next.completedAt = now;
        break;
    case TaskAction::release:
        next.startedAt.reset();
        break;
    case TaskAction::cancel:
        break;
    case TaskAction::reopen:
        next.startedAt.reset();
        next.completedAt.reset();
        next.outcome.reset();
        next.outcomeNote.reset();
        break;
    }
    return next;
}

} // namespace motel::tasks
