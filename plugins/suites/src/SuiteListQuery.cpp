#include "SuiteListQuery.h"

#include "SuiteRepository.h"

#include <motel/sdk/PagedQuery.h>
#include "SuiteTypes.h"

#include <map>

namespace motel::suites {

namespace {
const std::map<std::string, std::string>& sortColumns() {
    static const std::map<std::string, std::string> columns{
        {"number", "number"}, {"floor", "floor"}, {"updatedAt", "updated_at"}};
    return columns;
}
} // namespace

SuiteFilters SuiteListQuery::read(const sdk::Request& request) {
    sdk::ListQuery list(request, {"number", "floor", "updatedAt"});
    SuiteFilters filters;
    filters.occupancy = list.enumFilter("occupancy", occupancyValues());
    filters.condition = list.enumFilter("condition", conditionValues());
    filters.serviceState = list.enumFilter("serviceState", serviceStateValues());
    filters.floor = list.integerFilter("floor");
    list.finish();
    filters.sort = list.sort();
    filters.limit = list.limit();
    filters.offset = list.offset();
    return filters;
}

std::string SuiteListQuery::where(const SuiteFilters& filters, sdk::SqlQuery& query) {
    std::string clause;
    auto add = [&](const std::string& condition) { clause += (clause.empty() ? " WHERE " : " AND ") + condition; };
    if (filters.occupancy) add("occupancy = " + query.bind(*filters.occupancy));
    if (filters.condition) add("condition = " + query.bind(*filters.condition));
    if (filters.serviceState) add("service_state = " + query.bind(*filters.serviceState));
    if (filters.floor) add("floor = " + query.bind(static_cast<Poco::Int64>(*filters.floor)));
    return clause;
}

sdk::SqlQuery SuiteListQuery::page(const SuiteFilters& filters) {
    sdk::SqlQuery filtered;
    const std::string clause = where(filters, filtered);
    std::string order = " ORDER BY ";
    if (!filters.sort.field.empty())
        order += sortColumns().at(filters.sort.field) + (filters.sort.descending ? " DESC, " : " ASC, ");
    order += "id ASC";
    return sdk::PagedQuery::page(std::move(filtered), SuiteRepository::columns(), "suites", clause, order,
                                 filters.limit, filters.offset);
}

sdk::SqlQuery SuiteListQuery::count(const SuiteFilters& filters) {
    sdk::SqlQuery filtered;
    const std::string clause = where(filters, filtered);
    return sdk::PagedQuery::count(std::move(filtered), "suites", clause);
}

} // namespace motel::suites
