#include "TaskRules.h"

#include <motel/sdk/Errors.h>

#include <tuple>
#include <vector>

namespace motel::tasks {

Task TaskRules::applyChange(const Task& task, const TaskChange& change) {
    Task next = task;
    if (change.suiteId) next.suiteId = *change.suiteId;
    if (change.type) next.type = *change.type;
    if (change.title) next.title = *change.title;
    if (change.description) next.description = *change.description;
    if (change.priority) next.priority = *change.priority;
    if (change.assigneeId) next.assigneeId = *change.assigneeId;
    if (change.dueAt) next.dueAt = *change.dueAt;
    if (change.blocksSuite) next.blocksSuite = *change.blocksSuite;
    if (next.type != "inspection") {
        next.outcome.reset();
        next.outcomeNote.reset();
    }
    return next;
}

void TaskRules::checkBlocking(const Task& task) {
    if (!task.blocksSuite) return;
    std::vector<std::string> problems;
    if (task.type != "maintenance") problems.push_back("blocksSuite requires type maintenance");
    if (!task.suiteId) problems.push_back("blocksSuite requires a suiteId");
    if (!problems.empty()) throw sdk::ValidationError(problems);
}

void TaskRules::checkCompletion(const Task& task, const Completion& completion) {
    if (task.type == "inspection") return;
    std::vector<std::string> problems;
    if (completion.outcome || completion.outcomeSent)
        problems.push_back("outcome is only allowed when completing an inspection task");
    if (completion.note || completion.noteSent)
        problems.push_back("note is only allowed when completing an inspection task");
    if (!problems.empty()) throw sdk::ValidationError(problems);
}

bool TaskRules::differ(const Task& a, const Task& b) {
    const auto fields = [](const Task& t) {
        return std::tie(t.suiteId, t.type, t.title, t.description, t.priority, t.status, t.assigneeId, t.dueAt,
                        t.startedAt, t.completedAt, t.blocksSuite, t.outcome, t.outcomeNote);
    };
    return fields(a) != fields(b);
}

} // namespace motel::tasks
