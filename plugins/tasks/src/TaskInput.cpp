#include "TaskInput.h"

#include <motel/sdk/BodyReader.h>

namespace motel::tasks {

namespace {

using motel::sdk::BodyReader;
using motel::sdk::Required;

const std::vector<std::string> kFields{"suiteId",  "type",       "title", "description",
                                       "priority", "assigneeId", "dueAt", "blocksSuite"};
constexpr std::size_t kTitleMax = 200;
constexpr std::size_t kTextMax = 5000;

} // namespace

Task TaskInput::readNew(const sdk::Request& request) {
    return readNew(request.jsonObject());
}

Task TaskInput::readNew(const Poco::JSON::Object::Ptr& object) {
    BodyReader body(object, kFields);
    for (const char* field : {"priority", "blocksSuite"}) body.refuseNull(field);
    auto suiteId = body.nullableInteger("suiteId");
    auto type = body.oneOf("type", taskTypes(), Required::yes);
    auto title = body.string("title", Required::yes, true, kTitleMax);
    auto description = body.nullableString("description", kTextMax);
    auto priority = body.oneOf("priority", taskPriorities());
    auto assigneeId = body.nullableInteger("assigneeId");
    auto dueAt = body.nullableTimestamp("dueAt");
    auto blocksSuite = body.boolean("blocksSuite");
    body.finish();

    Task task;
    if (suiteId) task.suiteId = *suiteId;
    task.type = *type;
    task.title = *title;
    if (description) task.description = *description;
    if (priority) task.priority = *priority;
    if (assigneeId) task.assigneeId = *assigneeId;
    if (dueAt) task.dueAt = *dueAt;
    task.blocksSuite = blocksSuite.value_or(false);
    return task;
}

TaskChange TaskInput::readChange(const sdk::Request& request) {
    BodyReader body(request.jsonObject(), kFields);
    for (const char* field : {"type", "title", "priority", "blocksSuite"}) body.refuseNull(field);
    TaskChange change;
    change.suiteId = body.nullableInteger("suiteId");
    change.type = body.oneOf("type", taskTypes());
    change.title = body.string("title", Required::no, true, kTitleMax);
    change.description = body.nullableString("description", kTextMax);
    change.priority = body.oneOf("priority", taskPriorities());
    change.assigneeId = body.nullableInteger("assigneeId");
    change.dueAt = body.nullableTimestamp("dueAt");
    change.blocksSuite = body.boolean("blocksSuite");
    body.finish();
    return change;
}

Completion TaskInput::readAction(const sdk::Request& request, TaskAction action) {
    const bool completing = action == TaskAction::complete;
    BodyReader body(request.jsonObject(),
                    completing ? std::vector<std::string>{"outcome", "note"} : std::vector<std::string>{});
    Completion completion;
    if (completing) {
        const auto object = request.jsonObject();
        completion.outcomeSent = object->has("outcome");
        completion.noteSent = object->has("note");
        completion.outcome = body.oneOf("outcome", inspectionOutcomes());
        completion.note = body.string("note", Required::no, false, kTextMax);
    }
    body.finish();
    return completion;
}

} // namespace motel::tasks
