#pragma once
/// sdk::Database over SQLite and PostgreSQL: a pool of connections (each
/// with its own prepared statements) that plugins borrow through
/// withSession() and transaction().
///
/// - Borrowing waits at most `acquireTimeout` for a free connection, then
///   throws DatabaseUnavailable (503) instead of queueing forever.
/// - A call nested inside another on the same thread (a transaction inside
///   withSession, a service called from inside a transaction) reuses the
///   outer connection: a transaction inside a transaction is a savepoint.
///   This is what keeps one request from deadlocking against itself on
///   SQLite, where a second writer connection would wait for the first.
/// - SQLite connections use WAL, foreign keys and a busy timeout, and start
///   transactions with BEGIN IMMEDIATE; this process's writers queue on one
///   SqliteWriteGate per database instead of polling SQLite's lock.
/// - On PostgreSQL a pooled connection the server closed while it sat idle
///   (restart, failover) is reopened before it is lent out; one that dies
///   during a call fails that call fast with DatabaseUnavailable and is
///   dropped. Later calls open fresh connections, so the pool heals itself.
///
/// Owned by the host; lives longer than every plugin that uses it.

#include "db/ConnectionPool.h"
#include "db/DatabaseUrl.h"

#include <motel/sdk/Database.h>

#include <Poco/Logger.h>
#include <Poco/Semaphore.h>

#include <chrono>
#include <memory>
#include <string>

namespace motel::host {

class PooledSession;
class SqliteWriteGate;

struct SqlDatabaseOptions {
    int poolSize = 8;                                  ///< db.pool.size (the host passes defaultDatabasePoolSize())
    std::chrono::milliseconds acquireTimeout{5000};    ///< wait for a free connection
    std::chrono::milliseconds sqliteBusyTimeout{5000}; ///< wait for SQLite's write lock
    std::chrono::seconds idleTime{60};                 ///< idle connections above one are closed
    std::size_t statementCacheSize = 256;              ///< prepared statements kept per connection
};

class SqlDatabase : public sdk::Database {
public:
    /// Does not connect yet; the first call (normally the migrations) does.
    /// Creates the SQLite file's folder. `:memory:` gets one connection.
    SqlDatabase(DatabaseUrl url, SqlDatabaseOptions options, Poco::Logger& logger);
    ~SqlDatabase() override;
    SqlDatabase(const SqlDatabase&) = delete;
    SqlDatabase& operator=(const SqlDatabase&) = delete;

    sdk::Dialect dialect() const override { return url_.dialect(); }
    void withSession(const std::function<void(sdk::SqlSession&)>& work) override;
    void transaction(const std::function<void(sdk::SqlSession&)>& work) override;

    struct PingResult {
        bool up = false;
        double milliseconds = 0; ///< round trip, including waiting for a connection
        std::string error;       ///< why it is down (no password in it)
    };
    /// `SELECT 1` for health and readiness checks; never throws. Waits at
    /// most `timeout` for a connection (a query that then hangs is bounded
    /// by the health check's own timeout).
    PingResult ping(std::chrono::milliseconds timeout);

    struct PoolStats {
        int capacity = 0;
        int inUse = 0;
        int open = 0;
        std::size_t idleCachedStatements = 0; ///< prepared statements kept by the idle connections
    };
    PoolStats poolStats() const;

    /// Drops the idle connections' prepared statements and SQLite's page
    /// cache (SqlConnection::releaseMemory) after one-off work whose
    /// statements never run again: the migrations. Later calls prepare and
    /// read again what they need.
    void releaseIdleMemory() noexcept;

    const DatabaseUrl& url() const { return url_; }

private:
    class Lease;

    DatabaseUrl url_;
    SqlDatabaseOptions options_;
    Poco::Logger& logger_;
    std::string connectionString_;
    std::shared_ptr<SqliteWriteGate> writers_;
    std::unique_ptr<ConnectionPool> pool_;
    Poco::Semaphore permits_;

    std::unique_ptr<SqlConnection> openConnection();
    void borrow(std::chrono::milliseconds timeout, const std::function<void(PooledSession&)>& work);
};

} // namespace motel::host
