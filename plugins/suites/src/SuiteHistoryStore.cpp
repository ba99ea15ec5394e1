#include "SuiteHistoryStore.h"

namespace motel::suites {

namespace {
sdk::SqlValue orNull(const std::optional<std::int64_t>& value) {
    return value ? sdk::SqlValue(static_cast<Poco::Int64>(*value)) : sdk::SqlValue();
}
} // namespace

void SuiteHistoryStore::record(sdk::SqlSession& session, std::int64_t suiteId, const std::vector<FieldChange>& changes,
                               const ChangeOrigin& origin, const std::string& at) {
    for (const auto& change : changes) {
        session.execute(
            "INSERT INTO suite_history (suite_id, field, from_value, to_value, actor_id, source, task_id, at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            {static_cast<Poco::Int64>(suiteId), change.field, change.fromJson, change.toJson, orNull(origin.actorId),
             origin.source, orNull(origin.taskId), at});
    }
}

HistoryPage SuiteHistoryStore::page(sdk::SqlSession& session, std::int64_t suiteId, std::int64_t limit,
                                    std::int64_t offset) {
    sdk::SqlQuery filtered;
    const std::string clause = " WHERE suite_id = " + filtered.bind(static_cast<Poco::Int64>(suiteId));
    const sdk::SqlQuery page =
        sdk::PagedQuery::page(filtered, "field, from_value, to_value, actor_id, source, task_id, at", "suite_history",
                              clause, " ORDER BY id DESC", limit, offset);
    const sdk::SqlQuery count = sdk::PagedQuery::count(std::move(filtered), "suite_history", clause);
    return sdk::PagedQuery::fetch<HistoryRow>(session, page, count, offset > 0, [](const sdk::Row& row) {
        return HistoryRow{
            row.text("field"),  row.text("from_value"),    row.text("to_value"), row.optInteger("actor_id"),
            row.text("source"), row.optInteger("task_id"), row.text("at")};
    });
}

void SuiteHistoryStore::removeAll(sdk::SqlSession& session, std::int64_t suiteId) {
    session.execute("DELETE FROM suite_history WHERE suite_id = $1", {static_cast<Poco::Int64>(suiteId)});
}

} // namespace motel::suites
