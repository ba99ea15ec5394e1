#include "SuiteBlockStore.h"

namespace motel::tasks {

namespace {
sdk::SqlValue integer(std::int64_t value) {
    return static_cast<Poco::Int64>(value);
}
} // namespace

void SuiteBlockStore::remember(sdk::SqlSession& session, std::int64_t suiteId, const std::string& serviceState,
                               const std::string& now) {
    session.execute("INSERT INTO suite_blocks (suite_id, service_state_before, blocked_at) VALUES ($1, $2, $3) "
                    "ON CONFLICT (suite_id) DO NOTHING",
                    {integer(suiteId), serviceState, now});
}

std::optional<std::string> SuiteBlockStore::take(sdk::SqlSession& session, std::int64_t suiteId) {
    const auto rows = session.query("DELETE FROM suite_blocks WHERE suite_id = $1 RETURNING service_state_before",
                                    {integer(suiteId)});
    if (rows.empty()) return std::nullopt;
    return rows.front().text("service_state_before");
}

void SuiteBlockStore::forget(sdk::SqlSession& session, std::int64_t suiteId) {
    session.execute("DELETE FROM suite_blocks WHERE suite_id = $1", {integer(suiteId)});
}

} // namespace motel::tasks
