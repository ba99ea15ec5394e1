#include "RevocationRepository.h"

namespace motel::auth {

namespace {
std::vector<Revocation> all(const sdk::ResultSet& rows) {
    std::vector<Revocation> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(Revocation::fromRow(row));
    return out;
}
} // namespace

std::int64_t RevocationRepository::insert(const Revocation& r) {
    const auto rows =
        session_.query("INSERT INTO auth_revocations (topic, user_id, token_id, expires_at, created_ms, origin) "
                       "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                       {r.topic, static_cast<Poco::Int64>(r.userId), r.tokenId, static_cast<Poco::Int64>(r.expiresAt),
                        static_cast<Poco::Int64>(r.createdMs), r.origin});
    return rows.front().integer("id");
}

std::vector<Revocation> RevocationRepository::writtenAfter(std::int64_t createdMs) {
    return all(session_.query(std::string("SELECT ") + Revocation::columns() +
                                  " FROM auth_revocations WHERE created_ms > $1 ORDER BY id",
                              {static_cast<Poco::Int64>(createdMs)}));
}

std::vector<Revocation> RevocationRepository::activeTokenRevocations(std::int64_t now) {
    return all(session_.query(std::string("SELECT ") + Revocation::columns() +
                                  " FROM auth_revocations WHERE topic = $1 AND expires_at > $2",
                              {std::string(Revocation::kTokenRevoked), static_cast<Poco::Int64>(now)}));
}

std::int64_t RevocationRepository::purgeExpired(std::int64_t now) {
    return session_.execute("DELETE FROM auth_revocations WHERE expires_at <= $1", {static_cast<Poco::Int64>(now)});
}

} // namespace motel::auth
