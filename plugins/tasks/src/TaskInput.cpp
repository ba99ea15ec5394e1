#include "TaskInput.h"

#include <motel/sdk/BodyReader.h>
#include <motel/suites/NullableFields.h>

namespace motel::tasks {

namespace {

using motel::sdk::BodyReader;
using motel::sdk::Required;
using motel::suites::NullableFields;

const std::vector<std::string> kFields{"suiteId",  "type",       "title", "description",
                                       "priority", "assigneeId", "dueAt", "blocksSuite"};
constexpr std::size_t kTitleMax = 200;
constexpr std::size_t kTextMax = 5000;

} // namespace

Task TaskInput::readNew(const sdk::Request& request) {
    BodyReader body(request.jsonObject(), kFields);
    for (const char* field : {"priority", "blocksSuite"}) NullableFields::refuseNull(body, field);
    auto suiteId = NullableFields::integer(body, "suiteId");
    auto type = body.oneOf("type", taskTypes(), Required::yes);
    auto title = body.string("title", Required::yes, true, kTitleMax);
    auto description = NullableFields::text(body, "description", kTextMax);
    auto priority = body.oneOf("priority", taskPriorities());
    auto assigneeId = NullableFields::integer(body, "assigneeId");
    auto dueAt = NullableFields::timestamp(body, "dueAt");
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
    for (const char* field : {"type", "title", "priority", "blocksSuite"}) NullableFields::refuseNull(body, field);
    TaskChange change;
    change.suiteId = NullableFields::integer(body, "suiteId");
    change.type = body.oneOf("type", taskTypes());
    change.title = body.string("title", Required::no, true, kTitleMax);
    change.description = NullableFields::text(body, "description", kTextMax);
    change.priority = body.oneOf("priority", taskPriorities());
    change.assigneeId = NullableFields::integer(body, "assigneeId");
    change.dueAt = NullableFields::timestamp(body, "dueAt");
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
        completion.outcome = body.oneOf("outcome", inspectionOutcomes());
        completion.note = body.string("note", Required::no, false, kTextMax);
    }
    body.finish();
    return completion;
}

} // namespace motel::tasks
