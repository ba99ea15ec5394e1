#include "TaskRoutes.h"

#include "TaskInput.h"
#include "TaskJson.h"

#include <motel/plugins/auth/Roles.h>
#include <motel/sdk/IfMatch.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/Time.h>
#include <motel/sdk/JsonList.h>
#include <motel/sdk/ResourceList.h>

namespace motel::tasks {

using sdk::Access;
using sdk::JsonList;
using sdk::Request;
using sdk::Response;

std::int64_t TaskRoutes::taskId(const Request& request) {
    const auto id = request.idParam("id");
    if (!id) throw sdk::NotFound("Task " + request.param("id") + " not found");
    return *id;
}

void TaskRoutes::respond(Response& response, const Task& task, int status) {
    response.text(status, JsonList::kContentType, TaskJson::text(task));
    response.setVersionTag(task.version);
}

void TaskRoutes::registerAll(sdk::RouteRegistry& routes, TaskService& service) {
    routes.get("/api/tasks", Access::authenticated(), [&service](const Request& request, Response& response) {
        const TaskFilters filters = TaskListQuery::read(request, sdk::nowTimestamp());
        sdk::ResourceList::respond(request, response, service.listJson(filters));
    });

    routes.post("/api/tasks", Access::authenticated(), [&service](const Request& request, Response& response) {
        respond(response, service.create(TaskInput::readNew(request), request.caller()), 201);
    });

    routes.get("/api/tasks/:id", Access::authenticated(), [&service](const Request& request, Response& response) {
        respond(response, service.get(taskId(request)));
    });

    routes.patch("/api/tasks/:id", Access::anyRole({plugins::auth::kManagerRole}),
                 [&service](const Request& request, Response& response) {
                     const std::int64_t id = taskId(request);
                     const TaskChange change = TaskInput::readChange(request);
                     const auto ifMatch = sdk::IfMatch::of(request);
                     respond(response, service.change(id, change, request.caller(), ifMatch));
                 });

    routes.del("/api/tasks/:id", Access::anyRole({plugins::auth::kManagerRole}),
               [&service](const Request& request, Response& response) {
                   const std::int64_t id = taskId(request);
                   service.remove(id, request.caller(), sdk::IfMatch::of(request));
                   response.noContent();
               });

    for (const TaskAction action :
         {TaskAction::start, TaskAction::complete, TaskAction::release, TaskAction::cancel, TaskAction::reopen}) {
        const Access access = TaskStateMachine::managersOnly(action) ? Access::anyRole({plugins::auth::kManagerRole})
                                                                     : Access::authenticated();
        routes.post(std::string("/api/tasks/:id/") + TaskStateMachine::name(action), access,
                    [&service, action](const Request& request, Response& response) {
                        const std::int64_t id = taskId(request);
                        const Completion completion = TaskInput::readAction(request, action);
                        const auto ifMatch = sdk::IfMatch::of(request);
                        respond(response, service.act(id, action, completion, request.caller(), ifMatch));
                    });
    }
}

} // namespace motel::tasks
