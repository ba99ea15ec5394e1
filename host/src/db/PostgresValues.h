#pragma once
/// How values cross libpq's text protocol, both ways, for PostgresConnection.
///
/// Parameters go as text (the server infers each type from the statement):
/// integers in decimal, doubles with round-trip precision, NULL as a null
/// pointer. Results are normalised by the column's type OID to the values
/// the SDK promises, the same ones Poco's connector produced before:
///   bool                    -> Int64 0/1
///   int2, int4, int8        -> Int64
///   float4, float8, numeric -> double
///   bytea                   -> the raw bytes in a std::string
///   date / time / timestamp(tz) -> "YYYY-MM-DD" / "HH:MM:SS" /
///                              "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC)
///   anything else (text, varchar, uuid, json, ...) -> std::string
///   NULL                    -> empty Var

#include <motel/sdk/Database.h>

#include <string>
#include <string_view>
#include <vector>

struct pg_result;

namespace motel::host {

class PostgresValues {
public:
    /// The text form of a parameter already normalised by SqlValues::parameter()
    /// (Int64, double or std::string; never called for NULL).
    static std::string parameterText(const sdk::SqlValue& normalised);
    /// Appends one result cell of type `oid` in text format to `row`, built in
    /// place (Poco 1.11's Var has no move constructor: a returned Var would
    /// be copied, one more allocation per cell).
    static void append(std::vector<sdk::SqlValue>& row, unsigned oid, const char* text, int length);
};

/// One row of a PGresult as an sdk::RowView (PostgresConnection::forEachRow):
/// the same normalised values as PostgresValues::append, read from libpq's
/// buffer without a copy where the text form already is the value (text,
/// integers); the few converted forms (timestamps, bytea, booleans as text)
/// are built in a scratch string that lives until the next text() call.
class PostgresRowView final : public sdk::RowView {
public:
    explicit PostgresRowView(const pg_result* result);
    void moveTo(int row) { row_ = row; }

    std::size_t size() const override { return types_.size(); }
    bool isNull(std::size_t column) const override;
    std::int64_t integer(std::size_t column) const override;
    double real(std::size_t column) const override;
    std::string_view text(std::size_t column) const override;

private:
    const pg_result* result_;
    std::vector<unsigned> types_; ///< the columns' type OIDs
    int row_ = 0;
    mutable std::string scratch_;
    int checked(std::size_t column) const; ///< throws std::out_of_range
};

} // namespace motel::host
