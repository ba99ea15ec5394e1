#include "AuditRoutes.h"

#include <motel/plugins/auth/Roles.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/ListQuery.h>
#include <motel/sdk/Time.h>

#include <Poco/JSON/Array.h>

namespace motel::auth {

namespace {

/// A text filter; an empty value is a problem (it would match nothing).
std::optional<std::string> textFilter(const sdk::Request& request, const std::string& name,
                                      std::vector<std::string>& problems) {
    auto value = request.queryValue(name);
    if (value && value->empty()) problems.push_back(name + " should not be empty");
    return value;
}

std::optional<std::string> timestampFilter(const sdk::Request& request, const std::string& name,
                                           std::vector<std::string>& problems) {
    const auto value = request.queryValue(name);
    if (!value) return std::nullopt;
    const auto at = sdk::parseTimestamp(*value);
    if (!at) {
        problems.push_back(name + " must be a valid ISO 8601 date string");
        return std::nullopt;
    }
    return sdk::formatTimestamp(*at);
}

} // namespace

void AuditRoutes::registerWith(sdk::RouteRegistry& routes) {
    routes.get("/api/audit", sdk::Access::anyRole({plugins::auth::kAdminRole}),
               [this](const sdk::Request& request, sdk::Response& response) { list(request, response); });
}

AuditQuery AuditRoutes::parseQuery(const sdk::Request& request, sdk::ListQuery& list) {
    AuditQuery query;
    query.actorId = list.integerFilter("actorId");
    std::vector<std::string> problems;
    query.entity = textFilter(request, "entity", problems);
    query.action = textFilter(request, "action", problems);
    query.from = timestampFilter(request, "from", problems);
    query.to = timestampFilter(request, "to", problems);
    try {
        list.finish();
    } catch (const sdk::ValidationError& error) {
        problems.insert(problems.begin(), error.messages().begin(), error.messages().end());
    }
    if (!problems.empty()) throw sdk::ValidationError(problems);

    query.limit = list.limit();
    query.offset = list.offset();
    query.newestFirst = list.sort().field.empty() || list.sort().descending;
    return query;
}

void AuditRoutes::list(const sdk::Request& request, sdk::Response& response) {
    sdk::ListQuery page(request, {"at"});
    const AuditQuery query = parseQuery(request, page);
    std::vector<AuditEntry> entries;
    std::int64_t total = 0;
    database_.withSession([&](sdk::SqlSession& session) {
        AuditRepository audit(session);
        total = audit.count(query);
        entries = audit.list(query);
    });
    Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
    for (const auto& entry : entries) data->add(entry.toJson());
    response.json(200, page.envelope(data, total));
}

} // namespace motel::auth
