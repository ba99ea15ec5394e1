#pragma once
/// The parameter rules of sdk::Database in one place, shared by both
/// dialects: which types may be bound and what each becomes.
///
/// Parameters: empty Var = NULL; bool becomes 0/1 (booleans are INTEGER
/// columns on both databases, and PostgreSQL accepts '1'/'0' for a BOOLEAN
/// too); any integer type becomes Int64; float/double become double;
/// std::string stays. Anything else is refused naming its position ($N).
///
/// Results are each dialect's business (SqliteConnection keeps SQLite's
/// storage class, PostgresValues maps type OIDs); both give Int64, double,
/// std::string or an empty Var.

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
};

} // namespace motel::host
