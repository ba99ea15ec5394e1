#include "TaskJson.h"

#include "TaskSchema.h"

namespace motel::tasks {

void TaskJson::append(std::string& out, const Task& task) {
    taskSchema().appendJson(out, task);
}

std::string TaskJson::text(const Task& task) {
    return taskSchema().json(task);
}

Poco::JSON::Object::Ptr TaskJson::object(const Task& task) {
    return taskSchema().object(task);
}

} // namespace motel::tasks
