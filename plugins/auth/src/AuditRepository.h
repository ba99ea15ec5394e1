#pragma once
/// SQL for the `audit_log` table on one sdk::SqlSession (the caller picks the
/// transaction). Portable between SQLite and PostgreSQL: `$n` placeholders,
/// TEXT timestamps that sort as text. Text from clients (addresses, request
/// ids, emails) is cut to kMaxTextLength, so one caller cannot bloat the
/// table with a huge header.

#include "AuditEntry.h"

#include <motel/sdk/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::auth {

/// Filters and page of `GET /api/audit`.
struct AuditQuery {
    std::optional<std::int64_t> actorId;
    std::optional<std::string> entity;
    std::optional<std::string> action;
    std::optional<std::string> from; ///< inclusive, normalised ISO 8601
    std::optional<std::string> to;   ///< inclusive, normalised ISO 8601
    bool newestFirst = true;
    std::int64_t limit = 50;
    std::int64_t offset = 0;
};

class AuditRepository {
public:
    explicit AuditRepository(sdk::SqlSession& session) : session_(session) {}

    void insert(const AuditEntry& entry);
    /// Ordered by `at`, then id, in the query's direction.
    std::vector<AuditEntry> list(const AuditQuery& query);
    std::int64_t count(const AuditQuery& query);
    /// Deletes up to `batch` rows older than `cutoff` (oldest first); returns
    /// how many went. Call until it returns less than `batch`.
    std::int64_t deleteOlderThan(const std::string& cutoff, std::int64_t batch);

    static constexpr std::size_t kMaxTextLength = 512;

private:
    sdk::SqlSession& session_;
    static std::string whereClause(const AuditQuery& query, sdk::SqlParams& params);
};

} // namespace motel::auth
