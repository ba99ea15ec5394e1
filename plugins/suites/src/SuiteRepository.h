#pragma once
/// The `suites` table. Every write that changes an existing suite is a
/// compare-and-set on `version` (`... WHERE id = $1 AND version = $2`), so two
/// concurrent changes can never both apply to the same version.

#include <motel/sdk/Database.h>
#include <motel/sdk/PagedQuery.h>
#include <motel/sdk/SqlQuery.h>
#include "SuiteTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::suites {

using SuitePage = sdk::Page<Suite>;

class SuiteRepository {
public:
    /// The column list every SELECT of a whole suite uses.
    static const std::string& columns();
    static Suite fromRow(const sdk::Row& row);

    /// `lock`: inside a transaction about to change the suite, take its row
    /// lock (PostgreSQL `FOR UPDATE`; SQLite's writer already holds the
    /// database lock).
    static std::optional<Suite> find(sdk::SqlSession& session, std::int64_t id, bool lock = false);
    static bool numberTaken(sdk::SqlSession& session, const std::string& number, std::int64_t exceptId = 0);
    /// Inserts `suite` (its id, version and timestamps are set here).
    static Suite insert(sdk::SqlSession& session, const Suite& suite, const std::string& now);
    /// Writes every field of `next` when the stored version is still
    /// `expectedVersion`; bumps the version. nullopt when the version moved on.
    static std::optional<Suite> compareAndSet(sdk::SqlSession& session, const Suite& next, std::int64_t expectedVersion,
                                              const std::string& now);
    /// Bumps the version only (takes the write lock before a delete); false
    /// when the version moved on.
    static bool touch(sdk::SqlSession& session, std::int64_t id, std::int64_t expectedVersion);
    static void remove(sdk::SqlSession& session, std::int64_t id);
    static SuitePage list(sdk::SqlSession& session, const sdk::SqlQuery& page, const sdk::SqlQuery& count,
                          bool pastEnd);
    /// The same page as the list envelope's JSON, rendered straight from the
    /// rows (sdk::ResourceList).
    static std::string listJson(sdk::SqlSession& session, const sdk::SqlQuery& page, const sdk::SqlQuery& count,
                                std::int64_t limit, std::int64_t offset);
    static std::int64_t countAll(sdk::SqlSession& session);
};

} // namespace motel::suites
