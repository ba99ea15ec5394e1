#pragma once
/// Kit (Motel::sdk_kit). One table of a resource's fields (JSON name, column,
/// member of the plugin's struct) that carries what every CRUD resource
/// otherwise repeats:
///   - the SELECT column list (`columns()`), in the table's order;
///   - the row mapping (`read()`), by position: the columns are the table's,
///     so their indexes are known once, not looked up by name per field;
///   - the JSON of one item (`appendJson(out, item)`), as the contract names
///     its fields (single resources and events);
///   - the JSON of a row read in place (`appendJson(out, RowView)`), with no
///     struct, Var or string in between (list pages, via ResourceList).
/// Both renderings walk the same table, so they cannot disagree (a unit test
/// holds them to it). The suites and tasks plugins describe their resources
/// with it.

#include <motel/sdk/Database.h>
#include <motel/sdk/JsonObjectWriter.h>
#include <motel/sdk/JsonString.h>

#include <Poco/JSON/Object.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace motel::sdk {

/// Appends `value` in decimal to `out` (no temporary string).
inline void appendJsonInteger(std::string& out, std::int64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

template <class T> class ResourceSchema {
public:
    /// The member a field is read into and rendered from; its type decides
    /// how the column is read (integer, text, 0/1 boolean) and whether NULL
    /// is allowed (the optionals, rendered as `null`).
    using Member = std::variant<std::int64_t T::*, std::optional<std::int64_t> T::*, std::string T::*,
                                std::optional<std::string> T::*, bool T::*>;

    struct Field {
        const char* json;   ///< nullptr: read from the row, never rendered
        const char* column; ///< as the SELECT names it
        Member member;
    };

    ResourceSchema(std::string table, std::vector<Field> fields)
        : table_(std::move(table)), fields_(std::move(fields)) {
        for (const Field& field : fields_) columns_ += (columns_.empty() ? "" : ", ") + std::string(field.column);
    }

    const std::string& table() const { return table_; }
    /// `id, number, ...`: every SELECT of a whole item uses it, so read()
    /// finds field i at column i.
    const std::string& columns() const { return columns_; }
    std::size_t size() const { return fields_.size(); }

    /// The item in a row whose first columns are columns().
    T read(const RowView& row) const {
        T item;
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            std::visit([&](auto member) { assign(item.*member, row, i); }, fields_[i].member);
        }
        return item;
    }
    T read(const Row& row) const { return read(RowValues(row)); }

    void appendJson(std::string& out, const T& item) const {
        out += '{';
        bool first = true;
        for (const Field& field : fields_) {
            if (!field.json) continue;
            key(out, field.json, first);
            std::visit([&](auto member) { appendValue(out, item.*member); }, field.member);
        }
        out += '}';
    }

    void appendJson(std::string& out, const RowView& row) const {
        out += '{';
        bool first = true;
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            const Field& field = fields_[i];
            if (!field.json) continue;
            key(out, field.json, first);
            std::visit([&](auto member) { appendCell(out, row, i, member); }, field.member);
        }
        out += '}';
    }

    std::string json(const T& item) const {
        std::string out;
        out.reserve(64 + fields_.size() * 24);
        appendJson(out, item);
        return out;
    }

    /// The item as a JSON object (event payloads): the same text, parsed.
    Poco::JSON::Object::Ptr object(const T& item) const { return JsonObjectWriter::parseObject(json(item)); }

private:
    std::string table_;
    std::vector<Field> fields_;
    std::string columns_;

    static void key(std::string& out, const char* name, bool& first) {
        if (!first) out += ',';
        first = false;
        out += '"';
        out += name;
        out += "\":";
    }

    static void assign(std::int64_t& to, const RowView& row, std::size_t i) { to = row.integer(i); }
    static void assign(std::optional<std::int64_t>& to, const RowView& row, std::size_t i) {
        if (row.isNull(i))
            to.reset();
        else
            to = row.integer(i);
    }
    static void assign(std::string& to, const RowView& row, std::size_t i) { to = row.text(i); }
    static void assign(std::optional<std::string>& to, const RowView& row, std::size_t i) {
        if (row.isNull(i))
            to.reset();
        else
            to = std::string(row.text(i));
    }
    static void assign(bool& to, const RowView& row, std::size_t i) { to = row.integer(i) != 0; }

    static void appendValue(std::string& out, std::int64_t value) { appendJsonInteger(out, value); }
    static void appendValue(std::string& out, const std::optional<std::int64_t>& value) {
        if (value)
            appendJsonInteger(out, *value);
        else
            out += "null";
    }
    static void appendValue(std::string& out, const std::string& value) { appendJsonString(out, value); }
    static void appendValue(std::string& out, const std::optional<std::string>& value) {
        if (value)
            appendJsonString(out, *value);
        else
            out += "null";
    }
    static void appendValue(std::string& out, bool value) { out += value ? "true" : "false"; }

    // The row's cell rendered as appendValue would render the member read()
    // fills from it.
    static void appendCell(std::string& out, const RowView& row, std::size_t i, std::int64_t T::*) {
        appendJsonInteger(out, row.integer(i));
    }
    static void appendCell(std::string& out, const RowView& row, std::size_t i, std::optional<std::int64_t> T::*) {
        if (row.isNull(i))
            out += "null";
        else
            appendJsonInteger(out, row.integer(i));
    }
    static void appendCell(std::string& out, const RowView& row, std::size_t i, std::string T::*) {
        appendJsonString(out, row.text(i));
    }
    static void appendCell(std::string& out, const RowView& row, std::size_t i, std::optional<std::string> T::*) {
        if (row.isNull(i))
            out += "null";
        else
            appendJsonString(out, row.text(i));
    }
    static void appendCell(std::string& out, const RowView& row, std::size_t i, bool T::*) {
        out += row.integer(i) != 0 ? "true" : "false";
    }
};

} // namespace motel::sdk
