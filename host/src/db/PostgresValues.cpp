#include "db/PostgresValues.h"

#include "db/SqlValues.h"

#include <motel/sdk/Errors.h>

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace motel::host {

namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.dat); stable across versions.
constexpr unsigned kBool = 16;
constexpr unsigned kBytea = 17;
constexpr unsigned kInt8 = 20;
constexpr unsigned kInt2 = 21;
constexpr unsigned kInt4 = 23;
constexpr unsigned kFloat4 = 700;
constexpr unsigned kFloat8 = 701;
constexpr unsigned kNumeric = 1700;
constexpr unsigned kTime = 1083;
constexpr unsigned kTimestamp = 1114;
constexpr unsigned kTimestampTz = 1184;

std::string timestamp(const std::string& text) {
    int zone = 0;
    Poco::DateTime parsed;
    if (!Poco::DateTimeParser::tryParse(text, parsed, zone)) return text;
    parsed.makeUTC(zone);
    return Poco::DateTimeFormatter::format(parsed, "%Y-%m-%dT%H:%M:%S.%iZ");
}

} // namespace

std::string PostgresValues::parameterText(const sdk::SqlValue& normalised) {
    switch (SqlValues::kindOf(normalised)) {
    case SqlValues::Kind::integer:
        return std::to_string(normalised.extract<Poco::Int64>());
    case SqlValues::Kind::real: {
        char buffer[32];
        const int length = std::snprintf(buffer, sizeof buffer, "%.17g", normalised.extract<double>());
        return std::string(buffer, static_cast<std::size_t>(length));
    }
    case SqlValues::Kind::text: {
        // libpq sends text parameters NUL-terminated and PostgreSQL text
        // cannot hold NUL: refuse rather than store a silently cut value
        // (SQLite would keep it whole, so the two would differ).
        const auto& text = normalised.extract<std::string>();
        if (text.find('\0') != std::string::npos)
            throw sdk::BadRequest("Text values must not contain NUL characters (\\u0000)");
        return text;
    }
    case SqlValues::Kind::null:
        break;
    }
    return {};
}

void PostgresValues::append(std::vector<sdk::SqlValue>& row, unsigned oid, const char* text, int length) {
    const auto size = static_cast<std::size_t>(length);
    switch (oid) {
    case kBool:
        row.emplace_back(Poco::Int64(text[0] == 't' ? 1 : 0));
        return;
    case kInt2:
    case kInt4:
    case kInt8:
        row.emplace_back(Poco::Int64(std::strtoll(text, nullptr, 10)));
        return;
    case kFloat4:
    case kFloat8:
    case kNumeric:
        row.emplace_back(std::strtod(text, nullptr));
        return;
    case kBytea: {
        std::size_t bytes = 0;
        std::unique_ptr<unsigned char, decltype(&PQfreemem)> raw(
            PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &bytes), &PQfreemem);
        if (raw)
            row.emplace_back(std::string(reinterpret_cast<const char*>(raw.get()), bytes));
        else
            row.emplace_back(std::string(text, size));
        return;
    }
    case kTime:
        row.emplace_back(std::string(text, std::min<std::size_t>(8, size)));
        return;
    case kTimestamp:
    case kTimestampTz:
        row.emplace_back(timestamp(std::string(text, size)));
        return;
    default:
        row.emplace_back(text); // text, varchar, date, uuid, ...: libpq ends each value with a NUL
    }
}

PostgresRowView::PostgresRowView(const pg_result* result) : result_(result) {
    const int columns = PQnfields(result);
    types_.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) types_.push_back(PQftype(result, c));
}

int PostgresRowView::checked(std::size_t column) const {
    if (column >= types_.size())
        throw std::out_of_range("column " + std::to_string(column) + " of a " + std::to_string(types_.size()) +
                                "-column result");
    return static_cast<int>(column);
}

bool PostgresRowView::isNull(std::size_t column) const {
    return PQgetisnull(result_, row_, checked(column)) != 0;
}

std::int64_t PostgresRowView::integer(std::size_t column) const {
    const int c = checked(column);
    if (PQgetisnull(result_, row_, c)) return 0;
    const char* text = PQgetvalue(result_, row_, c);
    switch (types_[column]) {
    case kBool:
        return text[0] == 't' ? 1 : 0;
    case kFloat4:
    case kFloat8:
    case kNumeric:
        return static_cast<std::int64_t>(std::strtod(text, nullptr));
    default: {
        std::int64_t value = 0;
        std::from_chars(text, text + PQgetlength(result_, row_, c), value);
        return value;
    }
    }
}

double PostgresRowView::real(std::size_t column) const {
    const int c = checked(column);
    if (PQgetisnull(result_, row_, c)) return 0.0;
    if (types_[column] == kBool) return PQgetvalue(result_, row_, c)[0] == 't' ? 1.0 : 0.0;
    return std::strtod(PQgetvalue(result_, row_, c), nullptr);
}

std::string_view PostgresRowView::text(std::size_t column) const {
    const int c = checked(column);
    if (PQgetisnull(result_, row_, c)) return {};
    const char* text = PQgetvalue(result_, row_, c);
    const auto size = static_cast<std::size_t>(PQgetlength(result_, row_, c));
    switch (types_[column]) {
    case kBool:
        return text[0] == 't' ? "1" : "0";
    case kFloat4:
    case kFloat8:
    case kNumeric:
    case kBytea:
    case kTimestamp:
    case kTimestampTz: {
        // Rare in a row read in place: the text Row::text would give.
        std::vector<sdk::SqlValue> cell;
        PostgresValues::append(cell, types_[column], text, static_cast<int>(size));
        scratch_ = cell.front().convert<std::string>();
        return scratch_;
    }
    case kTime:
        return std::string_view(text, std::min<std::size_t>(8, size));
    default:
        return std::string_view(text, size);
    }
}

} // namespace motel::host
