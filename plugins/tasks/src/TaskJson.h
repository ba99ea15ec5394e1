#pragma once
/// The REST representation of a task: one renderer for responses, lists and
/// event payloads.

#include "Task.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace motel::tasks {

class TaskJson {
public:
    static void append(std::string& out, const Task& task);
    static std::string text(const Task& task);
    static Poco::JSON::Object::Ptr object(const Task& task);
};

} // namespace motel::tasks
