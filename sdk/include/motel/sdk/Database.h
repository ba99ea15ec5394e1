#pragma once
/// The database as a plugin sees it: pooled sessions, transactions with
/// after-commit hooks, and plain-value results that look the same on SQLite
/// and PostgreSQL.
///
/// SQL uses `$1, $2, ...` placeholders on both databases. Values bind from
/// Poco::Dynamic::Var: Int64/int, double, std::string, bool, or an empty Var
/// for NULL. Results come back normalised: integers as Int64, text as
/// std::string, reals as double, NULL as an empty Var.
///
/// Portable schema habits (both databases): timestamps as TEXT in ISO 8601
/// UTC with milliseconds (they sort correctly as text), booleans as INTEGER
/// 0/1, ids as the `{{id}}` migration token.

#include <motel/sdk/Errors.h>
#include <motel/sdk/Export.h>

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motel::sdk {

enum class Dialect { sqlite, postgresql };

/// Thrown by query()/execute() when a UNIQUE constraint rejects a write, so a
/// plugin can answer its own 409 message even when two requests race past its
/// pre-check. Unhandled, it is a 409 envelope with a generic message.
class MOTEL_SDK_API UniqueViolation : public Conflict {
public:
    explicit UniqueViolation(std::string message) : Conflict(std::move(message)) {}
};

using SqlValue = Poco::Dynamic::Var;
using SqlParams = std::vector<SqlValue>;

/// One result row; columns are looked up by name (as the SELECT names them).
class MOTEL_SDK_API Row {
public:
    Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<SqlValue> values);

    const SqlValue& operator[](const std::string& column) const; ///< throws std::out_of_range
    bool isNull(const std::string& column) const;
    std::int64_t integer(const std::string& column) const; ///< 0 when NULL
    double real(const std::string& column) const;          ///< 0 when NULL
    std::string text(const std::string& column) const;     ///< "" when NULL
    bool boolean(const std::string& column) const;         ///< integer != 0
    std::optional<std::int64_t> optInteger(const std::string& column) const;
    std::optional<std::string> optText(const std::string& column) const;

    const std::vector<SqlValue>& values() const { return values_; }

private:
    std::shared_ptr<const std::vector<std::string>> columns_;
    std::vector<SqlValue> values_;
    std::size_t indexOf(const std::string& column) const;
};

using ResultSet = std::vector<Row>;

/// One row of a result read in place by SqlSession::forEachRow(): columns by
/// position, in the order the SELECT names them, with the same normalised
/// values as Row (integers, booleans as 0/1, reals, text, NULL) but no copy:
/// a list page goes from the driver's buffers straight into its JSON. Valid
/// only during the callback that receives it; text() views die with it.
class RowView {
public:
    virtual std::size_t size() const = 0;
    virtual bool isNull(std::size_t column) const = 0;
    virtual std::int64_t integer(std::size_t column) const = 0; ///< 0 when NULL
    virtual double real(std::size_t column) const = 0;          ///< 0 when NULL
    /// "" when NULL; an integer column as its decimal text.
    virtual std::string_view text(std::size_t column) const = 0;

protected:
    ~RowView() = default;
};

/// A RowView over an already read Row: what the default
/// SqlSession::forEachRow() hands out, and how a plugin reads a Row with the
/// same positional code it uses for streamed rows.
class RowValues final : public RowView {
public:
    explicit RowValues(const Row& row) : values_(row.values()) {}
    std::size_t size() const override { return values_.size(); }
    bool isNull(std::size_t column) const override { return values_.at(column).isEmpty(); }
    std::int64_t integer(std::size_t column) const override {
        const SqlValue& value = values_.at(column);
        return value.isEmpty() ? 0 : value.convert<Poco::Int64>();
    }
    double real(std::size_t column) const override {
        const SqlValue& value = values_.at(column);
        return value.isEmpty() ? 0.0 : value.convert<double>();
    }
    std::string_view text(std::size_t column) const override {
        const SqlValue& value = values_.at(column);
        if (value.isEmpty()) return {};
        if (value.isString()) return value.extract<std::string>();
        scratch_ = value.convert<std::string>();
        return scratch_;
    }

private:
    const std::vector<SqlValue>& values_;
    mutable std::string scratch_; ///< a non-text value's text, until the next such call
};

/// One pooled connection, possibly inside a transaction. Not thread-safe: use
/// it on the thread that received it, inside the callback only.
class SqlSession {
public:
    virtual ~SqlSession() = default;
    virtual Dialect dialect() const = 0;
    /// Runs a statement that returns rows (SELECT, or anything with RETURNING).
    virtual ResultSet query(const std::string& sql, const SqlParams& params = {}) = 0;
    /// Runs a statement; returns the number of rows it changed.
    virtual std::int64_t execute(const std::string& sql, const SqlParams& params = {}) = 0;
    /// Inside a transaction: runs `fn` once the transaction has committed (and
    /// never if it rolls back). Outside one: runs `fn` at once. Publish domain
    /// events from here so nobody hears of a change that did not happen.
    virtual void afterCommit(std::function<void()> fn) = 0;
    /// Runs a statement that returns rows and hands each row to `onRow` as it
    /// is read, without building a ResultSet (one Var per cell): the list
    /// endpoints' path. SDK 3.1: appended to the vtable, so plugins built for
    /// 3.0 never see it; the host overrides it (libpq's and SQLite's own
    /// buffers), this default runs query() for any other session. Run no
    /// other statement on the session from inside `onRow` (SQLite is still
    /// stepping this one); collect what you need and query afterwards.
    virtual void forEachRow(const std::string& sql, const SqlParams& params,
                            const std::function<void(const RowView&)>& onRow) {
        for (const Row& row : query(sql, params)) onRow(RowValues(row));
    }
};

/// One ordered schema step of a plugin. Applied once, in version order, and
/// recorded with a checksum in `schema_migrations`; changing an applied
/// migration's SQL stops the host. `sql` may hold several statements
/// separated by `;` and these tokens:
///   {{id}}        integer primary key generated by the database
///   {{bigint}}    64-bit integer column type
struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
};

class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    /// Borrow a pooled session in autocommit mode for the duration of `work`.
    virtual void withSession(const std::function<void(SqlSession&)>& work) = 0;
    /// Run `work` in one transaction: committed when it returns, rolled back
    /// when it throws (the exception then propagates). After-commit hooks run
    /// after the commit, on this thread. Throws ServiceUnavailable when the
    /// database cannot be reached.
    virtual void transaction(const std::function<void(SqlSession&)>& work) = 0;
};

} // namespace motel::sdk
