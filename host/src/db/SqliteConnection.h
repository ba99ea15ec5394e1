#pragma once
/// SqlConnection for SQLite, on a sqlite3 handle it opens and owns.
///
/// What it does beyond running SQL, and why:
///   - each value keeps the type SQLite stored (INTEGER -> Int64), not the
///     column's declared type, so `COUNT(*)` or `MAX(x)` are integers;
///   - `$N` binds the N-th parameter wherever it appears (SQLite itself
///     numbers `$N` placeholders in order of appearance);
///   - statements are prepared once per connection (SQLITE_PREPARE_PERSISTENT,
///     StatementCache, reset between uses): the prepare was ~14 % of a list
///     request's CPU;
///   - the handle is opened with SQLITE_OPEN_NOMUTEX: a pooled connection is
///     used by one thread at a time, so SQLite's per-call mutex is waste;
///   - writers of this process queue on a shared SqliteWriteGate before
///     BEGIN IMMEDIATE (and around a lone write statement) instead of polling
///     through the busy handler; the busy timeout still covers other processes.

#include "db/SqlConnection.h"
#include "db/StatementCache.h"

#include <memory>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace motel::host {

class SqliteWriteGate;

class SqliteConnection : public SqlConnection {
public:
    struct Options {
        std::string path;                         ///< file path or ":memory:"
        int busyTimeoutMs = 5000;                 ///< other processes' write lock; also the gate's wait
        std::shared_ptr<SqliteWriteGate> writers; ///< shared by every connection to the file
        std::size_t statementCacheSize = StatementCache<int>::kDefaultCapacity;
    };

    /// Opens the file and sets the pragmas every connection needs (WAL unless
    /// in memory, foreign keys, busy timeout). Throws DatabaseUnavailable.
    explicit SqliteConnection(const Options& options);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    sdk::Dialect dialect() const override { return sdk::Dialect::sqlite; }
    sdk::ResultSet query(const std::string& sql, const sdk::SqlParams& params) override;
    void forEachRow(const std::string& sql, const sdk::SqlParams& params,
                    const std::function<void(const sdk::RowView&)>& onRow) override;
    std::int64_t execute(const std::string& sql, const sdk::SqlParams& params) override;
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    /// A SQLite connection has no server side to lose; rollback() has already
    /// ended any transaction, so it stays reusable.
    void discard() noexcept override {}
    bool reusable() const noexcept override;
    std::size_t cachedStatements() const noexcept override { return statements_.size(); }
    /// Finalizes the cached statements and frees SQLite's page cache
    /// (sqlite3_db_release_memory); both fill again as later calls need them.
    void releaseMemory() noexcept override;

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* statement) const noexcept;
    };
    /// One cached statement and what was worked out when it was prepared.
    struct Prepared {
        std::unique_ptr<sqlite3_stmt, Finalizer> handle;
        std::vector<unsigned> parameterNumbers; ///< N of `$N` per SQLite parameter index - 1
        unsigned highestParameter = 0;
        std::shared_ptr<const std::vector<std::string>> columns; ///< filled on the first row
    };

    sqlite3* db_ = nullptr;
    Options options_;
    bool holdsGate_ = false;
    StatementCache<Prepared> statements_;

    /// The cached statement for `sql`, prepared on first use; null for a
    /// statement that is only comments.
    Prepared* prepared(const std::string& sql);
    /// Binds, steps and calls `onRow` per row; leaves the statement reset.
    template <class OnRow> void run(const std::string& sql, const sdk::SqlParams& params, OnRow&& onRow);
    void bind(Prepared& statement, const std::string& sql, const sdk::SqlParams& params);
    void exec(const char* sql);
    void takeGate();
    void releaseGateIfDone() noexcept;
    [[noreturn]] void fail(const std::string& sql) const;
};

} // namespace motel::host
