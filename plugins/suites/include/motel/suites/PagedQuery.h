#pragma once
/// Runs a list endpoint's page query, whose SELECT also returns
/// `total_count` (COUNT(*) OVER ()), so a page and its total cost one round
/// trip; only a page past the end (no row to carry the total) costs a second
/// query for the count. Shared by the suites, history and tasks lists.

#include <motel/sdk/Database.h>
#include <motel/suites/SqlQuery.h>

#include <cstdint>
#include <vector>

namespace motel::suites {

template <class Item> struct Page {
    std::vector<Item> items;
    std::int64_t total = 0;
};

class PagedQuery {
public:
    /// `fromRow(row)` makes an Item; `pastEnd` (offset > 0) allows the count query.
    template <class Item, class FromRow>
    static Page<Item> fetch(sdk::SqlSession& session, const SqlQuery& page, const SqlQuery& count, bool pastEnd,
                            FromRow fromRow) {
        Page<Item> result;
        const auto rows = session.query(page.sql, page.params);
        result.items.reserve(rows.size());
        for (const auto& row : rows) {
            result.items.push_back(fromRow(row));
            result.total = row.integer("total_count");
        }
        if (rows.empty() && pastEnd) {
            const auto counted = session.query(count.sql, count.params);
            result.total = counted.empty() ? 0 : counted.front().integer("total_count");
        }
        return result;
    }
};

} // namespace motel::suites
