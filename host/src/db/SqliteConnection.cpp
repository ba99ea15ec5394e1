#include "db/SqliteConnection.h"

#include <chrono>
#include <thread>

#include "db/DatabaseErrors.h"
#include "db/SqlValues.h"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/NumberParser.h>

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace motel::host {

namespace {

struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

bool blank(const char* text) {
    return std::all_of(text, text + std::char_traits<char>::length(text),
                       [](unsigned char c) { return std::isspace(c) != 0 || c == ';'; });
}

sdk::SqlValue columnValue(sqlite3_stmt* statement, int column) {
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER: return Poco::Int64(sqlite3_column_int64(statement, column));
    case SQLITE_FLOAT: return sqlite3_column_double(statement, column);
    case SQLITE_NULL: return {};
    default: { // TEXT and BLOB both come back as bytes in a string
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
        return std::string(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
    }
}

} // namespace

SqliteConnection::SqliteConnection(Poco::Data::Session& session)
    : db_(Poco::Data::SQLite::Utility::dbHandle(session)) {}

void SqliteConnection::configure(Poco::Data::Session& session, int busyTimeoutMs, bool inMemory) {
    SqliteConnection connection(session);
    connection.exec(("PRAGMA busy_timeout = " + std::to_string(busyTimeoutMs)).c_str());
    if (!inMemory) {
        // Switching a new file to WAL needs a moment of exclusive access, and
        // SQLite answers "busy" at once (ignoring busy_timeout) when another
        // process is opening the same new file: retry for up to the timeout.
        for (int waitedMs = 0;; waitedMs += 20) {
            try {
                connection.exec("PRAGMA journal_mode = WAL");
                break;
            } catch (...) {
                if (waitedMs >= busyTimeoutMs) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
        connection.exec("PRAGMA synchronous = NORMAL");
    }
    connection.exec("PRAGMA foreign_keys = ON");
}

template <class OnRow>
void SqliteConnection::run(const std::string& sql, const sdk::SqlParams& params, OnRow&& onRow) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &raw, &tail);
    StatementPtr statement(raw);
    if (rc != SQLITE_OK) fail(rc, sql);
    if (tail && !blank(tail)) {
        // Only comments may follow: anything else would be silently ignored.
        sqlite3_stmt* rest = nullptr;
        const int restRc = sqlite3_prepare_v2(db_, tail, -1, &rest, nullptr);
        StatementPtr guard(rest);
        if (restRc != SQLITE_OK || rest)
            throw DatabaseError("one statement per call (split scripts on ';'): " + sql);
    }
    if (!statement) return; // only comments
    bind(statement.get(), sql, params);
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) onRow(statement.get());
    if (rc != SQLITE_DONE) fail(rc, sql);
}

void SqliteConnection::bind(sqlite3_stmt* statement, const std::string& sql, const sdk::SqlParams& params) {
    const int count = sqlite3_bind_parameter_count(statement);
    std::size_t highest = 0;
    for (int index = 1; index <= count; ++index) {
        const char* name = sqlite3_bind_parameter_name(statement, index);
        unsigned number = 0;
        if (!name || (name[0] != '$' && name[0] != '?') || !Poco::NumberParser::tryParseUnsigned(name + 1, number) ||
            number == 0)
            throw DatabaseError(std::string("use $1, $2, ... placeholders (found '") + (name ? name : "?") + "'): " + sql);
        if (number > params.size())
            throw DatabaseError("the statement uses $" + std::to_string(number) + " but " + std::to_string(params.size()) +
                                " parameter(s) were given: " + sql);
        highest = std::max<std::size_t>(highest, number);
        const sdk::SqlValue value = SqlValues::parameter(params[number - 1], number);
        int rc = SQLITE_OK;
        switch (SqlValues::kindOf(value)) {
        case SqlValues::Kind::null: rc = sqlite3_bind_null(statement, index); break;
        case SqlValues::Kind::integer:
            rc = sqlite3_bind_int64(statement, index, value.extract<Poco::Int64>());
            break;
        case SqlValues::Kind::real: rc = sqlite3_bind_double(statement, index, value.extract<double>()); break;
        case SqlValues::Kind::text: {
            const auto& text = value.extract<std::string>();
            rc = sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            break;
        }
        }
        if (rc != SQLITE_OK) fail(rc, sql);
    }
    if (highest != params.size())
        throw DatabaseError("the statement uses " + std::to_string(highest) + " placeholder(s) but " +
                            std::to_string(params.size()) + " parameter(s) were given: " + sql);
}

sdk::ResultSet SqliteConnection::query(const std::string& sql, const sdk::SqlParams& params) {
    sdk::ResultSet rows;
    std::shared_ptr<const std::vector<std::string>> columns;
    run(sql, params, [&](sqlite3_stmt* statement) {
        const int count = sqlite3_column_count(statement);
        if (!columns) {
            auto names = std::make_shared<std::vector<std::string>>();
            for (int i = 0; i < count; ++i) names->emplace_back(sqlite3_column_name(statement, i));
            columns = std::move(names);
        }
        std::vector<sdk::SqlValue> values;
        values.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) values.push_back(columnValue(statement, i));
        rows.emplace_back(columns, std::move(values));
    });
    return rows;
}

std::int64_t SqliteConnection::execute(const std::string& sql, const sdk::SqlParams& params) {
    // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, so a
    // DDL statement would report it again; the total tells them apart.
    const auto totalBefore = sqlite3_total_changes64(db_);
    run(sql, params, [](sqlite3_stmt*) {});
    return sqlite3_total_changes64(db_) == totalBefore ? 0 : sqlite3_changes64(db_);
}

void SqliteConnection::exec(const char* sql) { run(sql, {}, [](sqlite3_stmt*) {}); }

void SqliteConnection::begin() { exec("BEGIN IMMEDIATE"); }

void SqliteConnection::commit() { exec("COMMIT"); }

void SqliteConnection::rollback() noexcept {
    if (sqlite3_get_autocommit(db_) != 0) return; // SQLite already rolled back (or never began)
    try {
        exec("ROLLBACK");
    } catch (...) {
    }
}

void SqliteConnection::fail(int rc, const std::string& sql) const {
    const int extended = sqlite3_extended_errcode(db_);
    const std::string message = sqlite3_errmsg(db_);
    switch (extended & 0xff) {
    case SQLITE_CONSTRAINT:
        if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
            throw sdk::UniqueViolation(message);
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: throw DatabaseUnavailable("SQLite database is locked (busy timeout passed): " + message);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_PERM: throw DatabaseUnavailable("SQLite: " + message);
    default: break;
    }
    (void)rc;
    throw DatabaseError(message + " [SQL: " + sql + "]");
}

} // namespace motel::host
