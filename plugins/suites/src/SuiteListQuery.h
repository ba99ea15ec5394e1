#pragma once
/// `GET /api/suites`: reads the filters (`occupancy`, `condition`,
/// `serviceState`, `floor`), sort (`number`, `floor`, `updatedAt`, `-` for
/// descending; default by id) and page from the request, and builds the one
/// SELECT that serves them. Every filter and sort column has an index (see
/// SuiteMigrations). The SELECT also returns `total_count` (see PagedQuery),
/// so a page and its total cost one query.

#include <motel/sdk/ListQuery.h>
#include <motel/sdk/Request.h>
#include <motel/sdk/SqlQuery.h>

#include <cstdint>
#include <optional>
#include <string>

namespace motel::suites {

struct SuiteFilters {
    std::optional<std::string> occupancy;
    std::optional<std::string> condition;
    std::optional<std::string> serviceState;
    std::optional<std::int64_t> floor;
    sdk::SortOrder sort;
    std::int64_t limit = 50;
    std::int64_t offset = 0;
};

class SuiteListQuery {
public:
    /// Throws sdk::ValidationError for a bad filter, sort or page.
    static SuiteFilters read(const sdk::Request& request);
    /// The page query (columns of the suites table plus `total_count`).
    static sdk::SqlQuery page(const SuiteFilters& filters);
    /// The total alone, for a page past the end (where no row carries it).
    static sdk::SqlQuery count(const SuiteFilters& filters);

private:
    static std::string where(const SuiteFilters& filters, sdk::SqlQuery& query);
};

} // namespace motel::suites
