#include "TaskJson.h"

#include <motel/sdk/JsonObjectWriter.h>

namespace motel::tasks {

void TaskJson::append(std::string& out, const Task& task) {
    sdk::JsonObjectWriter writer(out);
    writer.field("id", task.id)
        .field("suiteId", task.suiteId)
        .field("type", task.type)
        .field("title", task.title)
        .field("description", task.description)
        .field("priority", task.priority)
        .field("status", task.status)
        .field("assigneeId", task.assigneeId)
        .field("dueAt", task.dueAt)
        .field("startedAt", task.startedAt)
        .field("completedAt", task.completedAt)
        .field("createdById", task.createdById)
        .field("blocksSuite", task.blocksSuite)
        .field("outcome", task.outcome)
        .field("version", task.version)
        .field("createdAt", task.createdAt)
        .field("updatedAt", task.updatedAt)
        .close();
}

std::string TaskJson::text(const Task& task) {
    std::string out;
    out.reserve(480);
    append(out, task);
    return out;
}

Poco::JSON::Object::Ptr TaskJson::object(const Task& task) {
    return sdk::JsonObjectWriter::parseObject(text(task));
}

} // namespace motel::tasks
