#pragma once
/// SqlConnection for SQLite. The connection comes from Poco's SessionPool;
/// statements run on its native sqlite3 handle because Poco 1.11's SQLite
/// statements get two things wrong that the SDK promises:
///   - result types come from the column's declared type, so `COUNT(*)`,
///     `MAX(x)` or `COALESCE(...)` (no declared type) come back as text;
///     here each value keeps the type SQLite stored (INTEGER -> Int64);
///   - parameters bind by position, while SQLite numbers `$N` placeholders
///     in order of appearance, so `SET a=$2 WHERE id=$1` would swap them;
///     here `$N` binds the N-th parameter wherever it appears.

#include "db/SqlConnection.h"

#include <Poco/Data/Session.h>

struct sqlite3;
struct sqlite3_stmt;

namespace motel::host {

class SqliteConnection : public SqlConnection {
public:
    /// `session` must be a SQLite session and outlive this object.
    explicit SqliteConnection(Poco::Data::Session& session);

    sdk::Dialect dialect() const override { return sdk::Dialect::sqlite; }
    sdk::ResultSet query(const std::string& sql, const sdk::SqlParams& params) override;
    std::int64_t execute(const std::string& sql, const sdk::SqlParams& params) override;
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    /// Nothing to do: a SQLite connection has no server side to lose, and
    /// rollback() has already ended any transaction.
    void discard() noexcept override {}

    /// Sets the pragmas every pooled connection needs (WAL, foreign keys,
    /// busy timeout). Called once per new connection by the pool.
    static void configure(Poco::Data::Session& session, int busyTimeoutMs, bool inMemory);

private:
    sqlite3* db_;

    /// Prepares, binds and steps `sql`; calls `onRow` per row when given.
    template <class OnRow> void run(const std::string& sql, const sdk::SqlParams& params, OnRow&& onRow);
    void bind(sqlite3_stmt* statement, const std::string& sql, const sdk::SqlParams& params);
    void exec(const char* sql);
    [[noreturn]] void fail(int rc, const std::string& sql) const;
};

} // namespace motel::host
