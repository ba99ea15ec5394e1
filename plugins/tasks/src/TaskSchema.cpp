#include "TaskSchema.h"

namespace motel::tasks {

const sdk::ResourceSchema<Task>& taskSchema() {
    static const sdk::ResourceSchema<Task> schema("tasks", {
                                                               {"id", "id", &Task::id},
                                                               {"suiteId", "suite_id", &Task::suiteId},
                                                               {"type", "type", &Task::type},
                                                               {"title", "title", &Task::title},
                                                               {"description", "description", &Task::description},
                                                               {"priority", "priority", &Task::priority},
                                                               {"status", "status", &Task::status},
                                                               {"assigneeId", "assignee_id", &Task::assigneeId},
                                                               {"dueAt", "due_at", &Task::dueAt},
                                                               {"startedAt", "started_at", &Task::startedAt},
                                                               {"completedAt", "completed_at", &Task::completedAt},
                                                               {"createdById", "created_by_id", &Task::createdById},
                                                               {"blocksSuite", "blocks_suite", &Task::blocksSuite},
                                                               {"outcome", "outcome", &Task::outcome},
                                                               {nullptr, "outcome_note", &Task::outcomeNote},
                                                               {"version", "version", &Task::version},
                                                               {"createdAt", "created_at", &Task::createdAt},
                                                               {"updatedAt", "updated_at", &Task::updatedAt},
                                                           });
    return schema;
}

} // namespace motel::tasks
