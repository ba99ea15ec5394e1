#include "db/MigrationRunner.h"

#include "db/DatabaseErrors.h"
#include "db/SqlScript.h"
#include "services/ExceptionText.h"

#include <motel/sdk/Time.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace motel::host {

namespace {

/// pg_advisory_lock key for migrations ("motelmig" in ASCII).
constexpr Poco::Int64 kMigrationLockKey = 0x6d6f74656c6d6967LL;

std::string describe(const std::string& plugin, const sdk::Migration& migration) {
    return plugin + " v" + std::to_string(migration.version) + (migration.name.empty() ? "" : " " + migration.name);
}

std::string changedMessage(const std::string& plugin, const sdk::Migration& migration, const std::string& recorded,
                           const std::string& current) {
    return "migration " + std::to_string(migration.version) + " (" + migration.name + ") of plugin '" + plugin +
           "' was changed after it was applied: recorded checksum " + recorded + ", current checksum " + current +
           ". Restore its original SQL and put the change in a new migration.";
}

/// Each plugin's migrations sorted by version; refuses clashing versions.
std::vector<MigrationRunner::PluginMigrations>
sortedAndChecked(const std::vector<MigrationRunner::PluginMigrations>& ordered) {
    std::vector<MigrationRunner::PluginMigrations> sorted = ordered;
    std::set<std::string> plugins;
    for (auto& [plugin, migrations] : sorted) {
        if (plugin.empty()) throw MigrationError("migrations given without a plugin name");
        if (!plugins.insert(plugin).second)
            throw MigrationError("plugin '" + plugin + "' is listed twice for migrations");
        std::stable_sort(migrations.begin(), migrations.end(),
                         [](const sdk::Migration& a, const sdk::Migration& b) { return a.version < b.version; });
        for (std::size_t i = 0; i < migrations.size(); ++i) {
            if (migrations[i].version <= 0)
                throw MigrationError("plugin '" + plugin + "' has a migration with version " +
                                     std::to_string(migrations[i].version) + "; versions start at 1");
            if (i > 0 && migrations[i].version == migrations[i - 1].version)
                throw MigrationError("plugin '" + plugin + "' has two migrations with version " +
                                     std::to_string(migrations[i].version));
        }
    }
    return sorted;
}

/// Holds PostgreSQL's migration lock on one session for the whole run.
class AdvisoryLock {
public:
    AdvisoryLock(sdk::SqlSession& session, Poco::Logger& logger) : session_(session), logger_(logger) {
        session_.query("SELECT pg_advisory_lock($1)", {kMigrationLockKey});
    }
    ~AdvisoryLock() {
        try {
            session_.query("SELECT pg_advisory_unlock($1)", {kMigrationLockKey});
        } catch (const std::exception& error) {
            // A lost connection releases the lock with it.
            logger_.warning(std::string("could not release the migration lock: ") + error.what());
        }
    }
    AdvisoryLock(const AdvisoryLock&) = delete;
    AdvisoryLock& operator=(const AdvisoryLock&) = delete;

private:
    sdk::SqlSession& session_;
    Poco::Logger& logger_;
};

} // namespace

MigrationRunner::MigrationRunner(SqlDatabase& database, Poco::Logger& logger) : database_(database), logger_(logger) {}

std::vector<std::string> MigrationRunner::apply(const std::vector<PluginMigrations>& ordered) {
    const std::vector<PluginMigrations> sorted = sortedAndChecked(ordered);
    std::vector<std::string> applied;
    // One session for the run: the lock lives on it, and the transactions
    // below join it (SqlDatabase reuses a thread's open session).
    database_.withSession([&](sdk::SqlSession& session) {
        std::optional<AdvisoryLock> lock;
        if (database_.dialect() == sdk::Dialect::postgresql) lock.emplace(session, logger_);
        createTable(session);
        verifyApplied(session, sorted);
        for (const auto& [plugin, migrations] : sorted) {
            for (const auto& migration : migrations) {
                if (!applyOne(plugin, migration)) continue;
                applied.push_back(describe(plugin, migration));
                logger_.information("applied migration " + applied.back());
            }
        }
    });
    // Each migration statement ran once and never runs again (nor does most
    // of this file's SQL): ~50 KB of prepared statements and the pages they
    // read would otherwise sit in the connection's caches for the process's life.
    database_.releaseIdleMemory();
    return applied;
}

void MigrationRunner::createTable(sdk::SqlSession& session) {
    session.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "owner TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, "
                    "checksum TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (owner, version))");
}

void MigrationRunner::verifyApplied(sdk::SqlSession& session, const std::vector<PluginMigrations>& ordered) {
    std::map<std::pair<std::string, std::int64_t>, std::string> recorded;
    for (const auto& row : session.query("SELECT owner, version, checksum FROM schema_migrations"))
        recorded[{row.text("owner"), row.integer("version")}] = row.text("checksum");
    for (const auto& [plugin, migrations] : ordered) {
        for (const auto& migration : migrations) {
            const auto found = recorded.find({plugin, migration.version});
            if (found == recorded.end()) continue;
            const std::string current = SqlScript::checksum(migration.sql);
            if (found->second != current)
                throw MigrationError(changedMessage(plugin, migration, found->second, current));
        }
    }
}

bool MigrationRunner::applyOne(const std::string& plugin, const sdk::Migration& migration) {
    const std::string checksum = SqlScript::checksum(migration.sql);
    bool applied = false;
    try {
        database_.transaction([&](sdk::SqlSession& tx) {
            const auto existing = tx.query("SELECT checksum FROM schema_migrations WHERE owner = $1 AND version = $2",
                                           {plugin, Poco::Int64(migration.version)});
            if (!existing.empty()) { // another host applied it meanwhile
                const std::string recorded = existing.front().text("checksum");
                if (recorded != checksum) throw MigrationError(changedMessage(plugin, migration, recorded, checksum));
                return;
            }
            for (const auto& statement : SqlScript::split(SqlScript::expandTokens(migration.sql, tx.dialect())))
                tx.execute(statement);
            tx.execute("INSERT INTO schema_migrations (owner, version, name, checksum, applied_at) "
                       "VALUES ($1, $2, $3, $4, $5)",
                       {plugin, Poco::Int64(migration.version), migration.name, checksum, sdk::nowTimestamp()});
            applied = true;
        });
    } catch (const MigrationError&) {
        throw;
    } catch (const sdk::ServiceUnavailable&) {
        throw;
    } catch (const std::exception&) {
        throw MigrationError("migration " + std::to_string(migration.version) + " (" + migration.name +
                             ") of plugin '" + plugin + "' failed and was rolled back: " + describeCurrentException());
    }
    return applied;
}

} // namespace motel::host
