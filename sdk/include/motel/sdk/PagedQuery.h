#pragma once
/// Kit (Motel::sdk_kit). Builds and runs a list endpoint's page query, whose SELECT also returns
/// `total_count`, so a page and its total cost one statement (one round trip
/// set on PostgreSQL); only a page past the end (no row to carry the total)
/// costs a second query for the count. The suites, history and tasks lists
/// use it.
///
/// The total is an uncorrelated scalar subquery with the page's own WHERE
/// (and placeholders): both databases evaluate it once per statement, in the
/// statement's snapshot, with an index-only count. `COUNT(*) OVER ()` gave
/// the same answer but made SQLite copy every matching row into a temporary
/// b-tree and sort it again, and PostgreSQL run a WindowAgg over all of them
/// (bench/domain: the suites list went from ~160 to ~90 µs per statement on
/// SQLite, 0.15 to 0.05 ms of executor time on PostgreSQL).

#include <motel/sdk/Database.h>
#include <motel/sdk/SqlQuery.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace motel::sdk {

template <class Item> struct Page {
    std::vector<Item> items;
    std::int64_t total = 0;
};

class PagedQuery {
public:
    /// `SELECT <columns>, (SELECT COUNT(*) FROM <table><where>) AS total_count
    /// FROM <table><where><order> LIMIT $n OFFSET $n+1`. `filtered` holds the
    /// parameters `where` refers to; `where` is "" or " WHERE ...", `order`
    /// " ORDER BY ...".
    static SqlQuery page(SqlQuery filtered, const std::string& columns, const std::string& table,
                         const std::string& where, const std::string& order, std::int64_t limit, std::int64_t offset) {
        SqlQuery query = std::move(filtered);
        query.sql = "SELECT " + columns + ", (SELECT COUNT(*) FROM " + table + where + ") AS total_count FROM " +
                    table + where + order;
        query.sql += " LIMIT " + query.bind(static_cast<Poco::Int64>(limit));
        query.sql += " OFFSET " + query.bind(static_cast<Poco::Int64>(offset));
        return query;
    }

    /// `SELECT COUNT(*) AS total_count FROM <table><where>`, for fetch()'s page past the end.
    static SqlQuery count(SqlQuery filtered, const std::string& table, const std::string& where) {
        SqlQuery query = std::move(filtered);
        query.sql = "SELECT COUNT(*) AS total_count FROM " + table + where;
        return query;
    }

    /// `fromRow(row)` makes an Item; `pastEnd` (offset > 0) allows the count query.
    template <class Item, class FromRow>
    static Page<Item> fetch(SqlSession& session, const SqlQuery& page, const SqlQuery& count, bool pastEnd,
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

} // namespace motel::sdk
