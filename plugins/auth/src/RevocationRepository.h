#pragma once
/// SQL for `auth_revocations` on one sdk::SqlSession (so the row joins the
/// transaction of the change that causes it). Portable between SQLite and
/// PostgreSQL; times are integers (seconds / milliseconds since the epoch).

#include "Revocation.h"

#include <motel/sdk/Database.h>

#include <cstdint>
#include <vector>

namespace motel::auth {

class RevocationRepository {
public:
    explicit RevocationRepository(sdk::SqlSession& session) : session_(session) {}

    /// Returns the stored row's id.
    std::int64_t insert(const Revocation& revocation);
    /// Rows written after `createdMs` (the writer's clock), in id order.
    std::vector<Revocation> writtenAfter(std::int64_t createdMs);
    /// `token.revoked` rows whose token has not expired at `now` (seconds).
    std::vector<Revocation> activeTokenRevocations(std::int64_t now);
    /// Deletes the rows no longer needed at `now` (seconds); returns how many.
    std::int64_t purgeExpired(std::int64_t now);

private:
    sdk::SqlSession& session_;
};

} // namespace motel::auth
