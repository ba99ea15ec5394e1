#include "SuiteRoutes.h"

#include "SuiteInput.h"
#include "SuiteJson.h"

#include <motel/plugins/auth/Roles.h>
#include <motel/sdk/IfMatch.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/ListQuery.h>
#include <motel/sdk/JsonList.h>
#include <motel/sdk/ResourceList.h>

namespace motel::suites {

using sdk::Access;
using sdk::Request;
using sdk::Response;

std::int64_t SuiteRoutes::suiteId(const Request& request) {
    const auto id = request.idParam("id");
    if (!id) throw sdk::NotFound("Suite " + request.param("id") + " not found");
    return *id;
}

void SuiteRoutes::respond(Response& response, const Suite& suite, int status) {
    response.text(status, sdk::JsonList::kContentType, SuiteJson::text(suite));
    response.setVersionTag(suite.version);
}

void SuiteRoutes::registerAll(sdk::RouteRegistry& routes, SuiteService& service) {
    routes.get("/api/suites", Access::authenticated(), [&service](const Request& request, Response& response) {
        const SuiteFilters filters = SuiteListQuery::read(request);
        sdk::ResourceList::respond(request, response, service.listJson(filters));
    });

    routes.post("/api/suites", Access::anyRole({plugins::auth::kManagerRole}),
                [&service](const Request& request, Response& response) {
                    respond(response, service.create(SuiteInput::readNew(request)), 201);
                });

    routes.get("/api/suites/:id", Access::authenticated(), [&service](const Request& request, Response& response) {
        respond(response, service.get(suiteId(request)));
    });

    routes.patch("/api/suites/:id", Access::authenticated(), [&service](const Request& request, Response& response) {
        const std::int64_t id = suiteId(request);
        const SuiteChange change = SuiteInput::readChange(request);
        const auto ifMatch = sdk::IfMatch::of(request);
        respond(response, service.change(id, change, request.caller(), ifMatch));
    });

    routes.del("/api/suites/:id", Access::anyRole({plugins::auth::kManagerRole}),
               [&service](const Request& request, Response& response) {
                   const std::int64_t id = suiteId(request);
                   service.remove(id, request.caller(), sdk::IfMatch::of(request));
                   response.noContent();
               });

    routes.get("/api/suites/:id/history", Access::authenticated(),
               [&service](const Request& request, Response& response) {
                   const std::int64_t id = suiteId(request);
                   sdk::ListQuery list(request, {});
                   list.finish();
                   const HistoryPage page = service.history(id, list.limit(), list.offset());
                   const auto append = [](std::string& out, const HistoryRow& row) { SuiteJson::append(out, row); };
                   response.text(200, sdk::JsonList::kContentType,
                                 sdk::JsonList::render(page.items, append, page.total, list.limit(), list.offset()));
               });
}

} // namespace motel::suites
