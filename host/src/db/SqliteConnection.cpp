#include "db/SqliteConnection.h"
#include "db/ConnectionFactory.h"

#include "db/DatabaseErrors.h"
#include "db/SqlValues.h"
#include "db/SqliteWriteGate.h"

#include <Poco/NumberParser.h>

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace motel::host {

namespace {

bool blank(const char* text) {
    return std::all_of(text, text + std::char_traits<char>::length(text),
                       [](unsigned char c) { return std::isspace(c) != 0 || c == ';'; });
}

/// Appends one column of the current row as the type SQLite stored. Each
/// value is constructed in place: Poco 1.11's Var has no move constructor, so
/// a push_back of a temporary would copy (and allocate) every cell twice.
/// The current row of a stepped statement as an sdk::RowView: values as
/// SQLite stored them (as appendColumn reads them), text straight from
/// SQLite's buffer, valid until the next step.
class SqliteRowView final : public sdk::RowView {
public:
    explicit SqliteRowView(sqlite3_stmt* statement)
        : statement_(statement), columns_(static_cast<std::size_t>(sqlite3_column_count(statement))) {}

    std::size_t size() const override { return columns_; }
    bool isNull(std::size_t column) const override {
        return sqlite3_column_type(statement_, checked(column)) == SQLITE_NULL;
    }
    std::int64_t integer(std::size_t column) const override {
        return sqlite3_column_int64(statement_, checked(column));
    }
    double real(std::size_t column) const override { return sqlite3_column_double(statement_, checked(column)); }
    std::string_view text(std::size_t column) const override {
        const int c = checked(column);
        if (sqlite3_column_type(statement_, c) == SQLITE_BLOB) {
            const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_, c));
            return {bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(statement_, c))};
        }
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, c)); // NULL: nullptr
        return {text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(statement_, c))};
    }

private:
    sqlite3_stmt* statement_;
    std::size_t columns_;

    int checked(std::size_t column) const {
        if (column >= columns_)
            throw std::out_of_range("column " + std::to_string(column) + " of a " + std::to_string(columns_) +
                                    "-column result");
        return static_cast<int>(column);
    }
};

void appendColumn(std::vector<sdk::SqlValue>& values, sqlite3_stmt* statement, int column) {
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
        values.emplace_back(Poco::Int64(sqlite3_column_int64(statement, column)));
        return;
    case SQLITE_FLOAT:
        values.emplace_back(sqlite3_column_double(statement, column));
        return;
    case SQLITE_NULL:
        values.emplace_back();
        return;
    case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        const auto length = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
        if (text && std::char_traits<char>::length(text) == length)
            values.emplace_back(text);
        else
            values.emplace_back(std::string(text ? text : "", length)); // holds a NUL byte
        return;
    }
    default: { // a BLOB comes back as bytes in a string
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
        values.emplace_back(
            std::string(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column))));
    }
    }
}

/// Leaves a cached statement ready for its next use, however the run ended.
class ResetOnExit {
public:
    explicit ResetOnExit(sqlite3_stmt* statement) : statement_(statement) {}
    ~ResetOnExit() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
    sqlite3_stmt* statement_;
};

} // namespace

void SqliteConnection::Finalizer::operator()(sqlite3_stmt* statement) const noexcept {
    sqlite3_finalize(statement);
}

SqliteConnection::SqliteConnection(const Options& options)
    : options_(options), statements_(options.statementCacheSize) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(options_.path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw DatabaseUnavailable("SQLite: cannot open " + options_.path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    // The gate is not needed (nor wanted) for the connection's own set-up.
    auto writers = std::move(options_.writers);
    try {
        exec(("PRAGMA busy_timeout = " + std::to_string(options_.busyTimeoutMs)).c_str());
        if (options_.path != ":memory:") {
            // Switching a new file to WAL needs a moment of exclusive access, and
            // SQLite answers "busy" at once (ignoring busy_timeout) when another
            // process is opening the same new file: retry for up to the timeout.
            for (int waitedMs = 0;; waitedMs += 20) {
                try {
                    exec("PRAGMA journal_mode = WAL");
                    break;
                } catch (...) {
                    if (waitedMs >= options_.busyTimeoutMs) throw;
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                }
            }
            exec("PRAGMA synchronous = NORMAL");
        }
        exec("PRAGMA foreign_keys = ON");
    } catch (...) {
        statements_.clear();
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
    }
    options_.writers = std::move(writers);
}

SqliteConnection::~SqliteConnection() {
    rollback();
    statements_.clear();   // finalized before the handle closes
    sqlite3_close_v2(db_); // also ends a transaction a failed ROLLBACK left open
    if (holdsGate_) options_.writers->release();
}

bool SqliteConnection::reusable() const noexcept {
    return db_ != nullptr && sqlite3_get_autocommit(db_) != 0;
}

void SqliteConnection::releaseMemory() noexcept {
    statements_.clear(); // the returned handles finalize as they go
    if (db_) sqlite3_db_release_memory(db_);
}

SqliteConnection::Prepared* SqliteConnection::prepared(const std::string& sql) {
    if (Prepared* cached = statements_.find(sql)) return cached;
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    Prepared statement;
    statement.handle.reset(raw);
    if (rc != SQLITE_OK) fail(sql);
    if (tail && !blank(tail)) {
        // Only comments may follow: anything else would be silently ignored.
        sqlite3_stmt* rest = nullptr;
        const int restRc = sqlite3_prepare_v2(db_, tail, -1, &rest, nullptr);
        std::unique_ptr<sqlite3_stmt, Finalizer> guard(rest);
        if (restRc != SQLITE_OK || rest) throw DatabaseError("one statement per call (split scripts on ';'): " + sql);
    }
    if (!raw) return nullptr; // only comments
    const int count = sqlite3_bind_parameter_count(raw);
    for (int index = 1; index <= count; ++index) {
        const char* name = sqlite3_bind_parameter_name(raw, index);
        unsigned number = 0;
        if (!name || (name[0] != '$' && name[0] != '?') || !Poco::NumberParser::tryParseUnsigned(name + 1, number) ||
            number == 0)
            throw DatabaseError(std::string("use $1, $2, ... placeholders (found '") + (name ? name : "?") +
                                "'): " + sql);
        statement.parameterNumbers.push_back(number);
        statement.highestParameter = std::max(statement.highestParameter, number);
    }
    // An entry pushed out of the cache is finalized as it goes out of scope.
    statements_.insert(sql, std::move(statement));
    return statements_.find(sql);
}

template <class OnRow> void SqliteConnection::run(const std::string& sql, const sdk::SqlParams& params, OnRow&& onRow) {
    Prepared* statement = prepared(sql);
    if (!statement) return;
    sqlite3_stmt* handle = statement->handle.get();
    ResetOnExit reset(handle);
    bind(*statement, sql, params);
    // A write outside a transaction queues like a transaction would.
    const bool loneWrite =
        options_.writers && !holdsGate_ && sqlite3_get_autocommit(db_) != 0 && sqlite3_stmt_readonly(handle) == 0;
    if (loneWrite) takeGate();
    struct GateRelease {
        SqliteConnection* connection;
        ~GateRelease() {
            if (connection) connection->releaseGateIfDone();
        }
    } release{loneWrite ? this : nullptr};
    int rc;
    while ((rc = sqlite3_step(handle)) == SQLITE_ROW) onRow(*statement);
    if (rc != SQLITE_DONE) fail(sql);
}

void SqliteConnection::bind(Prepared& statement, const std::string& sql, const sdk::SqlParams& params) {
    sqlite3_stmt* handle = statement.handle.get();
    for (std::size_t index = 0; index < statement.parameterNumbers.size(); ++index) {
        const unsigned number = statement.parameterNumbers[index];
        if (number > params.size())
            throw DatabaseError("the statement uses $" + std::to_string(number) + " but " +
                                std::to_string(params.size()) + " parameter(s) were given: " + sql);
        const sdk::SqlValue value = SqlValues::parameter(params[number - 1], number);
        const int position = static_cast<int>(index + 1);
        int rc = SQLITE_OK;
        switch (SqlValues::kindOf(value)) {
        case SqlValues::Kind::null:
            rc = sqlite3_bind_null(handle, position);
            break;
        case SqlValues::Kind::integer:
            rc = sqlite3_bind_int64(handle, position, value.extract<Poco::Int64>());
            break;
        case SqlValues::Kind::real:
            rc = sqlite3_bind_double(handle, position, value.extract<double>());
            break;
        case SqlValues::Kind::text: {
            const auto& text = value.extract<std::string>();
            rc = sqlite3_bind_text64(handle, position, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            break;
        }
        }
        if (rc != SQLITE_OK) fail(sql);
    }
    if (statement.highestParameter != params.size())
        throw DatabaseError("the statement uses " + std::to_string(statement.highestParameter) +
                            " placeholder(s) but " + std::to_string(params.size()) +
                            " parameter(s) were given: " + sql);
}

sdk::ResultSet SqliteConnection::query(const std::string& sql, const sdk::SqlParams& params) {
    sdk::ResultSet rows;
    run(sql, params, [&](Prepared& statement) {
        sqlite3_stmt* handle = statement.handle.get();
        const int count = sqlite3_column_count(handle);
        if (!statement.columns || statement.columns->size() != static_cast<std::size_t>(count)) {
            // Names are kept with the statement; a schema change that re-prepares
            // it with other columns is noticed by the count.
            auto names = std::make_shared<std::vector<std::string>>();
            for (int i = 0; i < count; ++i) names->emplace_back(sqlite3_column_name(handle, i));
            statement.columns = std::move(names);
        }
        std::vector<sdk::SqlValue> values;
        values.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) appendColumn(values, handle, i);
        rows.emplace_back(statement.columns, std::move(values));
    });
    return rows;
}

void SqliteConnection::forEachRow(const std::string& sql, const sdk::SqlParams& params,
                                  const std::function<void(const sdk::RowView&)>& onRow) {
    run(sql, params, [&](Prepared& statement) { onRow(SqliteRowView(statement.handle.get())); });
}

std::int64_t SqliteConnection::execute(const std::string& sql, const sdk::SqlParams& params) {
    // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, so a
    // DDL statement would report it again; the total tells them apart.
    const auto totalBefore = sqlite3_total_changes64(db_);
    run(sql, params, [](Prepared&) {});
    return sqlite3_total_changes64(db_) == totalBefore ? 0 : sqlite3_changes64(db_);
}

void SqliteConnection::exec(const char* sql) {
    run(sql, {}, [](Prepared&) {});
}

void SqliteConnection::takeGate() {
    if (!options_.writers || holdsGate_) return;
    if (!options_.writers->acquire(std::chrono::milliseconds(options_.busyTimeoutMs)))
        throw DatabaseUnavailable("SQLite database is locked (busy timeout passed): another writer of this process "
                                  "held it for " +
                                  std::to_string(options_.busyTimeoutMs) + " ms");
    holdsGate_ = true;
}

void SqliteConnection::releaseGateIfDone() noexcept {
    if (!holdsGate_ || sqlite3_get_autocommit(db_) == 0) return;
    holdsGate_ = false;
    options_.writers->release();
}

void SqliteConnection::begin() {
    takeGate();
    try {
        exec("BEGIN IMMEDIATE");
    } catch (...) {
        releaseGateIfDone();
        throw;
    }
}

void SqliteConnection::commit() {
    exec("COMMIT"); // on failure the transaction stays open and rollback() follows
    releaseGateIfDone();
}

void SqliteConnection::rollback() noexcept {
    if (db_ && sqlite3_get_autocommit(db_) == 0) { // else SQLite already rolled back (or never began)
        try {
            exec("ROLLBACK");
        } catch (...) {
        }
    }
    if (db_) releaseGateIfDone();
}

void SqliteConnection::fail(const std::string& sql) const {
    const int extended = sqlite3_extended_errcode(db_);
    const std::string message = sqlite3_errmsg(db_);
    switch (extended & 0xff) {
    case SQLITE_CONSTRAINT:
        if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
            throw sdk::UniqueViolation(message);
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw DatabaseUnavailable("SQLite database is locked (busy timeout passed): " + message);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_PERM:
        throw DatabaseUnavailable("SQLite: " + message);
    default:
        break;
    }
    throw DatabaseError(message + " [SQL: " + sql + "]");
}

std::unique_ptr<SqlConnection> openSqliteConnection(const ConnectionSettings& settings) {
    SqliteConnection::Options sqlite;
    sqlite.path = settings.connectionString;
    sqlite.busyTimeoutMs = static_cast<int>(settings.sqliteBusyTimeout.count());
    sqlite.writers = settings.writers;
    sqlite.statementCacheSize = settings.statementCacheSize;
    return std::make_unique<SqliteConnection>(sqlite);
}

} // namespace motel::host
