#pragma once
/// The `suite_history` table: a row per changed field of a suite, written in
/// the transaction of the change, read newest first by
/// `GET /api/suites/:id/history`, deleted with the suite.

#include "SuiteDiff.h"

#include <motel/sdk/Database.h>
#include <motel/sdk/PagedQuery.h>
#include "SuiteTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::suites {

struct HistoryRow {
    std::string field;
    std::string fromJson;
    std::string toJson;
    std::optional<std::int64_t> actorId;
    std::string source;
    std::optional<std::int64_t> taskId;
    std::string at;
};

using HistoryPage = sdk::Page<HistoryRow>;

class SuiteHistoryStore {
public:
    static void record(sdk::SqlSession& session, std::int64_t suiteId, const std::vector<FieldChange>& changes,
                       const ChangeOrigin& origin, const std::string& at);
    /// Newest first.
    static HistoryPage page(sdk::SqlSession& session, std::int64_t suiteId, std::int64_t limit, std::int64_t offset);
    static void removeAll(sdk::SqlSession& session, std::int64_t suiteId);
};

} // namespace motel::suites
