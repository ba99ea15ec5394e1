#pragma once
/// Reads and validates task request bodies with sdk::BodyReader: every
/// problem at once, each naming its field, unknown properties refused — which
/// makes `status` a 400 on POST and PATCH (it changes only through actions).

#include "Task.h"
#include "TaskChange.h"
#include "TaskStateMachine.h"

#include <motel/sdk/Request.h>

#include <Poco/JSON/Object.h>

namespace motel::tasks {

class TaskInput {
public:
    /// `POST /api/tasks`: type and title required; defaults priority normal,
    /// assigneeId/dueAt/suiteId/description null, blocksSuite false.
    static Task readNew(const sdk::Request& request);
    /// The same rules for a body that did not come over HTTP (a task another
    /// plugin creates through TaskDirectory).
    static Task readNew(const Poco::JSON::Object::Ptr& body);
    /// `PATCH /api/tasks/:id`.
    static TaskChange readChange(const sdk::Request& request);
    /// The body of an action: `complete` may carry `{"outcome","note"}`; any
    /// property on another action is 400.
    static Completion readAction(const sdk::Request& request, TaskAction action);
};

} // namespace motel::tasks
