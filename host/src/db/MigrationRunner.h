#pragma once
/// Applies plugins' schema migrations and records them in
/// `schema_migrations(owner, version, name, checksum, applied_at)`.
///
/// - Plugins in the order given (dependency order), each plugin's migrations
///   by version; each migration with its record in one transaction, so a
///   failure leaves neither half behind.
/// - Applied migrations are checked first: one whose SQL changed (checksum)
///   stops the run naming plugin, version and both checksums; nothing is
///   applied then.
/// - Safe with several hosts starting at once: on PostgreSQL the whole run
///   holds an advisory lock; on SQLite each migration runs under
///   BEGIN IMMEDIATE and re-checks its record inside the transaction.
/// - Afterwards the idle connections drop the run's prepared statements and
///   SQLite's page cache (SqlDatabase::releaseIdleMemory): they never run again.
///
/// Used by the host at start and by `motel-host migrate`.

#include "db/SqlDatabase.h"

#include <motel/sdk/Database.h>

#include <Poco/Logger.h>

#include <string>
#include <utility>
#include <vector>

namespace motel::host {

class MigrationRunner {
public:
    using PluginMigrations = std::pair<std::string /*plugin*/, std::vector<sdk::Migration>>;

    MigrationRunner(SqlDatabase& database, Poco::Logger& logger);

    /// Applies what is pending; returns one line per migration applied, in
    /// order, as `<plugin> v<version> <name>` (empty when up to date).
    /// Throws MigrationError (changed or clashing migrations, failing SQL)
    /// or DatabaseUnavailable.
    std::vector<std::string> apply(const std::vector<PluginMigrations>& ordered);

private:
    SqlDatabase& database_;
    Poco::Logger& logger_;

    void createTable(sdk::SqlSession& session);
    void verifyApplied(sdk::SqlSession& session, const std::vector<PluginMigrations>& ordered);
    /// Applies one migration unless another host did meanwhile; true if applied.
    bool applyOne(const std::string& plugin, const sdk::Migration& migration);
};

} // namespace motel::host
