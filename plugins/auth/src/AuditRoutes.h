#pragma once
/// `GET /api/audit` (admin): the audit trail as a list envelope, newest first.
///   filters  `actorId` (integer), `entity`, `action` (exact), `from`, `to`
///            (ISO 8601 timestamps, both inclusive)
///   sort     `at` or `-at` (default `-at`)
///   page     `limit` (default 50, at most 200), `offset`
/// Every bad parameter is reported at once (400, one message each).

#include "AuditRepository.h"

#include <motel/sdk/Database.h>
#include <motel/sdk/ListQuery.h>
#include <motel/sdk/Routes.h>

namespace motel::auth {

class AuditRoutes {
public:
    explicit AuditRoutes(sdk::Database& database) : database_(database) {}

    void registerWith(sdk::RouteRegistry& routes);

    /// The query a request asks for, read through `list` (made with the sort
    /// field `at`); throws sdk::ValidationError listing every problem.
    static AuditQuery parseQuery(const sdk::Request& request, sdk::ListQuery& list);

private:
    sdk::Database& database_;

    void list(const sdk::Request& request, sdk::Response& response);
};

} // namespace motel::auth
