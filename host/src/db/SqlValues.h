#pragma once
/// The value rules of sdk::Database in one place, shared by both dialects:
/// which parameter types may be bound and what a result value becomes.
///
/// Parameters: empty Var = NULL; bool becomes 0/1 (booleans are INTEGER
/// columns on both databases, and PostgreSQL accepts '1'/'0' for a BOOLEAN
/// too); any integer type becomes Int64; float/double become double;
/// std::string stays. Anything else is refused naming its position ($N).
///
/// Results: integers of any width and booleans become Int64, reals double,
/// text and unknown types std::string, NULL an empty Var.

#include <motel/sdk/Database.h>

#include <cstddef>

namespace motel::host {

class SqlValues {
public:
    enum class Kind { null, integer, real, text };

    /// The parameter bound at `$position` (1-based), normalised; throws
    /// DatabaseError for unsupported types and for unsigned values that do
    /// not fit in Int64.
    static sdk::SqlValue parameter(const sdk::SqlValue& value, std::size_t position);
    /// The kind of a value returned by parameter().
    static Kind kindOf(const sdk::SqlValue& normalised);
    /// A value read by a driver, normalised as the SDK promises.
    static sdk::SqlValue result(const sdk::SqlValue& value);
};

} // namespace motel::host
