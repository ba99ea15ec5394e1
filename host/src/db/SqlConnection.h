#pragma once
/// One physical database connection, seen through the dialect that runs SQL
/// on it. SqliteConnection and PostgresConnection implement it; the object
/// owns the connection (opened in its constructor, closed in its destructor)
/// and the prepared statements cached on it, so the cache dies with the
/// connection. ConnectionPool keeps the idle ones; PooledSession builds
/// transactions, savepoints and after-commit hooks on top, the same way for
/// both.
///
/// Every failure leaves as sdk::UniqueViolation, DatabaseUnavailable or
/// DatabaseError, never as a driver exception.

#include <motel/sdk/Database.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace motel::host {

class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    virtual sdk::Dialect dialect() const = 0;
    /// Runs one statement and returns its rows (none for statements without).
    virtual sdk::ResultSet query(const std::string& sql, const sdk::SqlParams& params) = 0;
    /// Runs one statement and hands each row to `onRow` as it is read, from
    /// the driver's own buffers (sdk::SqlSession::forEachRow).
    virtual void forEachRow(const std::string& sql, const sdk::SqlParams& params,
                            const std::function<void(const sdk::RowView&)>& onRow) = 0;
    /// Runs one statement and returns the rows it changed.
    virtual std::int64_t execute(const std::string& sql, const sdk::SqlParams& params) = 0;
    /// Starts a transaction; on SQLite it takes the write lock at once
    /// (BEGIN IMMEDIATE), so two writers wait for each other instead of
    /// deadlocking when both try to upgrade a read lock.
    virtual void begin() = 0;
    virtual void commit() = 0;
    /// Best effort; a connection whose rollback fails is discarded.
    virtual void rollback() noexcept = 0;
    /// Marks the connection as not to be lent again (the pool closes it).
    virtual void discard() noexcept = 0;
    /// Whether the pool may keep it for the next borrower: not discarded,
    /// still connected, no transaction left open.
    virtual bool reusable() const noexcept = 0;
    /// Checked before an idle connection is lent out: false when the server
    /// closed it meanwhile (restart, failover). Sends nothing.
    virtual bool alive() noexcept { return true; }
    /// How many prepared statements it keeps (its StatementCache).
    virtual std::size_t cachedStatements() const noexcept = 0;
    /// Frees what it keeps only to be faster next time, after one-off work
    /// whose statements never run again (the migrations): SQLite finalizes its
    /// cached statements and returns its unused page cache. Sends nothing to
    /// a server, so on PostgreSQL (whose prepared statements live in the
    /// server, not in this process) it does nothing.
    virtual void releaseMemory() noexcept {}
};

} // namespace motel::host
