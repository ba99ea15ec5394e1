#pragma once
/// SqlConnection for PostgreSQL, straight over libpq on a PGconn it opens
/// and owns.
///
/// Each distinct SQL text is prepared once per connection (PQprepare, then
/// PQdescribePrepared for its parameter count and result columns) and run
/// with PQexecPrepared afterwards: one round trip per statement and no
/// server-side parse or plan, where Poco 1.11's connector spent four round
/// trips (prepare, describe, execute, DEALLOCATE) and a parse and plan on
/// every statement. The names live in a StatementCache bounded to
/// `statementCacheSize` (the least recently used is DEALLOCATEd); they die
/// with the connection, so a reconnect starts with an empty cache.
///
/// Parameters go as text; results are normalised by type OID
/// (PostgresValues). Errors are classified by their SQLSTATE
/// (PG_DIAG_SQLSTATE): 23505 is sdk::UniqueViolation, a lost connection
/// or class 08 / 57P0x / 53300 DatabaseUnavailable, anything else
/// DatabaseError with the statement.
///
/// BEGIN costs no round trip of its own: it is sent with the transaction's
/// first statement in one libpq pipeline (BEGIN, the statement, Sync), so a
/// task creation is two round trips (BEGIN+INSERT, COMMIT) instead of three.
/// The transaction is the same: PostgreSQL starts a READ COMMITTED
/// transaction's snapshot at its first statement anyway, and a transaction
/// that runs no statement never reaches the server.

#include "db/SqlConnection.h"
#include "db/StatementCache.h"

#include <Poco/Logger.h>

#include <cstdint>
#include <memory>
#include <vector>

struct pg_conn;
struct pg_result;

namespace motel::host {

class PostgresConnection : public SqlConnection {
public:
    /// Connects with a libpq connection string (DatabaseUrl::connectionString)
    /// and sends the server's NOTICE/WARNING messages to `logger`, which must
    /// outlive the connection. Throws DatabaseUnavailable with libpq's reason.
    PostgresConnection(const std::string& connectionString, Poco::Logger& logger,
                       std::size_t statementCacheSize = StatementCache<int>::kDefaultCapacity);
    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    sdk::Dialect dialect() const override { return sdk::Dialect::postgresql; }
    sdk::ResultSet query(const std::string& sql, const sdk::SqlParams& params) override;
    void forEachRow(const std::string& sql, const sdk::SqlParams& params,
                    const std::function<void(const sdk::RowView&)>& onRow) override;
    std::int64_t execute(const std::string& sql, const sdk::SqlParams& params) override;
    /// Sends nothing: the BEGIN goes with the first statement.
    void begin() override;
    /// Refuses to "commit" a transaction an earlier failed statement aborted
    /// (PostgreSQL would silently roll it back and report success).
    void commit() override;
    void rollback() noexcept override;
    void discard() noexcept override { discarded_ = true; }
    bool reusable() const noexcept override;
    /// False when the server has closed this idle connection (restart,
    /// pg_terminate_backend): reads what already arrived without waiting or
    /// sending anything.
    bool alive() noexcept override;

    /// Statements prepared on this connection now (tests and diagnostics).
    std::size_t cachedStatements() const noexcept override { return statements_.size(); }

private:
    struct ResultDeleter {
        void operator()(pg_result* result) const noexcept;
    };
    using Result = std::unique_ptr<pg_result, ResultDeleter>;
    struct ConnectionDeleter {
        void operator()(pg_conn* connection) const noexcept;
    };
    /// One server-side prepared statement.
    struct Prepared {
        std::string name;
        int parameterCount = 0;
        std::vector<unsigned> columnTypes;
        std::shared_ptr<const std::vector<std::string>> columns; ///< null for statements without rows
    };

    std::unique_ptr<pg_conn, ConnectionDeleter> connection_;
    StatementCache<Prepared> statements_;
    std::uint64_t nextName_ = 0;
    bool discarded_ = false;
    bool beginPending_ = false; ///< begin() was called, the BEGIN not yet sent

    /// Runs `sql` as a prepared statement; the result is PGRES_TUPLES_OK or
    /// PGRES_COMMAND_OK, anything else has thrown.
    Result run(const std::string& sql, const sdk::SqlParams& params, const Prepared*& statement);
    const Prepared& prepared(const std::string& sql);
    /// BEGIN and `statement` in one pipeline; returns the statement's result.
    Result beginAndExecute(const Prepared& statement, const std::vector<const char*>& values);
    /// A statement without parameters, not prepared (BEGIN, COMMIT, ...).
    void simple(const char* sql);
    void deallocate(const std::string& name) noexcept;
    [[noreturn]] void fail(const pg_result* result, const std::string& sql);
};

} // namespace motel::host
