#pragma once
/// The HTTP face of the suites plugin: parses each request (id, body, query,
/// If-Match — validation 400s come first), calls SuiteService, and renders the
/// suite with its ETag. Roles are declared per route so the host answers 401
/// and 403 before a handler runs.

#include "SuiteService.h"

#include <motel/sdk/Routes.h>

namespace motel::suites {

class SuiteRoutes {
public:
    static void registerAll(sdk::RouteRegistry& routes, SuiteService& service);

    /// The `:id` of a suite route; 400 when not an integer, 404 when out of range.
    static std::int64_t suiteId(const sdk::Request& request);
    /// 200 (or `status`) with the suite and `ETag: "<version>"`.
    static void respond(sdk::Response& response, const Suite& suite, int status = 200);
};

} // namespace motel::suites
