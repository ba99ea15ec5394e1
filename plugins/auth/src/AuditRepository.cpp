#include "AuditRepository.h"

namespace motel::auth {

namespace {

/// At most kMaxTextLength bytes, never cutting a UTF-8 character in two
/// (PostgreSQL refuses invalid UTF-8).
std::string clip(const std::string& text) {
    if (text.size() <= AuditRepository::kMaxTextLength) return text;
    std::size_t end = AuditRepository::kMaxTextLength;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

sdk::SqlValue optionalInteger(const std::optional<std::int64_t>& value) {
    return value ? sdk::SqlValue(static_cast<Poco::Int64>(*value)) : sdk::SqlValue();
}

} // namespace

void AuditRepository::insert(const AuditEntry& entry) {
    session_.execute("INSERT INTO audit_log (at, actor_id, action, entity, entity_id, status, client_address, "
                     "request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                     {entry.at, optionalInteger(entry.actorId), clip(entry.action), clip(entry.entity),
                      clip(entry.entityId), optionalInteger(entry.status), clip(entry.clientAddress),
                      clip(entry.requestId), entry.detail ? sdk::SqlValue(clip(*entry.detail)) : sdk::SqlValue()});
}

std::string AuditRepository::whereClause(const AuditQuery& query, sdk::SqlParams& params) {
    std::string where;
    auto add = [&](const std::string& condition, sdk::SqlValue value) {
        params.push_back(std::move(value));
        where += (where.empty() ? " WHERE " : " AND ") + condition + " $" + std::to_string(params.size());
    };
    if (query.actorId) add("actor_id =", static_cast<Poco::Int64>(*query.actorId));
    if (query.entity) add("entity =", *query.entity);
    if (query.action) add("action =", *query.action);
    if (query.from) add("at >=", *query.from);
    if (query.to) add("at <=", *query.to);
    return where;
}

std::vector<AuditEntry> AuditRepository::list(const AuditQuery& query) {
    sdk::SqlParams params;
    std::string sql = std::string("SELECT ") + AuditEntry::columns() + " FROM audit_log" + whereClause(query, params);
    const std::string direction = query.newestFirst ? " DESC" : " ASC";
    sql += " ORDER BY at" + direction + ", id" + direction;
    params.push_back(static_cast<Poco::Int64>(query.limit));
    sql += " LIMIT $" + std::to_string(params.size());
    params.push_back(static_cast<Poco::Int64>(query.offset));
    sql += " OFFSET $" + std::to_string(params.size());

    std::vector<AuditEntry> entries;
    for (const auto& row : session_.query(sql, params)) entries.push_back(AuditEntry::fromRow(row));
    return entries;
}

std::int64_t AuditRepository::count(const AuditQuery& query) {
    sdk::SqlParams params;
    const std::string sql = "SELECT COUNT(*) AS n FROM audit_log" + whereClause(query, params);
    return session_.query(sql, params).front().integer("n");
}

std::int64_t AuditRepository::deleteOlderThan(const std::string& cutoff, std::int64_t batch) {
    // In batches, so a first run over a large table does not hold one long lock.
    return session_.execute("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < $1 "
                            "ORDER BY at LIMIT $2)",
                            {cutoff, static_cast<Poco::Int64>(batch)});
}

} // namespace motel::auth
