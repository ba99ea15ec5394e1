#pragma once
/// The HTTP face of the tasks plugin: `/api/tasks`, `/api/tasks/:id` and the
/// actions `/api/tasks/:id/start|complete|release|cancel|reopen`. Parses each
/// request (validation 400s first), calls TaskService, renders the task with
/// its ETag. Roles per route (PATCH, DELETE, cancel and reopen are for
/// managers and admins) are checked by the host before a handler runs.

#include "TaskService.h"

#include <motel/sdk/Routes.h>

namespace motel::tasks {

class TaskRoutes {
public:
    static void registerAll(sdk::RouteRegistry& routes, TaskService& service);

    static std::int64_t taskId(const sdk::Request& request);
    static void respond(sdk::Response& response, const Task& task, int status = 200);
};

} // namespace motel::tasks
