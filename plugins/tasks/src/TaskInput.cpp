#include "TaskInput.h"

#include <motel/sdk/BodyReader.h>

namespace motel::tasks {

namespace {

using motel::sdk::BodyReader;
using motel::sdk::Required;

const std::vector<std::string> kFields{"suiteId", "type", "title", "description",
                                       "priority", "assigneeId", "dueAt", "blocksSuite"};
constexpr std::size_t kTitleMax = 200;
constexpr std::size_t kTextMax = 5000;

/// An id that may be null. Absent: nullopt; null: a present nullopt.
std::optional<std::optional<std::int64_t>> nullableId(BodyReader& body, const char* field) {
    if (!body.has(field)) return std::nullopt;
    if (body.isNull(field)) return std::optional<std::int64_t>();
    auto id = body.integer(field); // any integer: an id no row has is a 404 later
    if (!id) return std::nullopt;
    return std::optional<std::int64_t>(*id);
}

std::optional<std::optional<std::string>> nullableText(BodyReader& body, const char* field) {
    if (!body.has(field)) return std::nullopt;
    if (body.isNull(field)) return std::optional<std::string>();
    auto text = body.string(field, Required::no, false, kTextMax);
    if (!text) return std::nullopt;
    return std::optional<std::string>(*text);
}

std::optional<std::optional<std::string>> nullableTimestamp(BodyReader& body, const char* field) {
    if (!body.has(field)) return std::nullopt;
    if (body.isNull(field)) return std::optional<std::string>();
    auto at = body.timestamp(field);
    if (!at) return std::nullopt;
    return std::optional<std::string>(*at);
}

void refuseNull(BodyReader& body, const char* field) {
    if (body.isNull(field)) body.problem(std::string(field) + " should not be empty");
}

} // namespace

Task TaskInput::readNew(const sdk::Request& request) {
    BodyReader body(request.jsonObject(), kFields);
    for (const char* field : {"priority", "blocksSuite"}) refuseNull(body, field);
    auto suiteId = nullableId(body, "suiteId");
    auto type = body.oneOf("type", taskTypes(), Required::yes);
    auto title = body.string("title", Required::yes, true, kTitleMax);
    auto description = nullableText(body, "description");
    auto priority = body.oneOf("priority", taskPriorities());
    auto assigneeId = nullableId(body, "assigneeId");
    auto dueAt = nullableTimestamp(body, "dueAt");
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
    for (const char* field : {"type", "title", "priority", "blocksSuite"}) refuseNull(body, field);
    TaskChange change;
    change.suiteId = nullableId(body, "suiteId");
    change.type = body.oneOf("type", taskTypes());
    change.title = body.string("title", Required::no, true, kTitleMax);
    change.description = nullableText(body, "description");
    change.priority = body.oneOf("priority", taskPriorities());
    change.assigneeId = nullableId(body, "assigneeId");
    change.dueAt = nullableTimestamp(body, "dueAt");
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
