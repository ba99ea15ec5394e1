#pragma once
/// Reads and validates a JSON request body field by field, collecting every
/// problem so the client gets them all at once (the contract's 400 with one
/// message per problem, each naming its field). Unknown properties are
/// problems too (`property X should not exist`).
///
///   BodyReader body(req.jsonObject(), {"number", "floor", "type"});
///   auto number = body.string("number", Required::yes);
///   auto floor  = body.integer("floor", Required::yes);
///   body.finish(); // throws ValidationError listing every problem

#include <motel/sdk/Export.h>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::sdk {

enum class Required { no, yes };

/// A field a client may clear with JSON null. The nested optional tells the
/// three cases apart: absent (nullopt: leave the field alone), null (a
/// present, empty optional: clear it), or a value.
template <class T> using Nullable = std::optional<std::optional<T>>;

class BodyReader {
public:
    BodyReader(Poco::JSON::Object::Ptr body, const std::vector<std::string>& allowedFields);

    bool has(const std::string& field) const;
    /// Present with JSON null.
    bool isNull(const std::string& field) const;

    /// A string; with `nonEmpty` an empty (or all blank) string is a problem.
    std::optional<std::string> string(const std::string& field, Required required = Required::no, bool nonEmpty = false,
                                      std::size_t maxLength = 10000);
    /// A whole number within [min, max] (JSON numbers only, no strings).
    std::optional<std::int64_t> integer(const std::string& field, Required required = Required::no,
                                        std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX);
    std::optional<bool> boolean(const std::string& field, Required required = Required::no);
    /// A string that must be one of `allowed`.
    std::optional<std::string> oneOf(const std::string& field, const std::vector<std::string>& allowed,
                                     Required required = Required::no);
    /// An ISO 8601 timestamp, returned normalised (`2026-01-01T09:30:00.000Z`).
    std::optional<std::string> timestamp(const std::string& field, Required required = Required::no);

    /// Nullable variants of the readers above (for partial updates): a value
    /// that breaks the rules is a problem and reads as absent.
    Nullable<std::string> nullableString(const std::string& field, std::size_t maxLength = 10000);
    Nullable<std::int64_t> nullableInteger(const std::string& field, std::int64_t min = INT64_MIN,
                                           std::int64_t max = INT64_MAX);
    Nullable<std::string> nullableTimestamp(const std::string& field);
    /// For a field that may be set but never to null: null is a problem
    /// (`<field> must not be empty`).
    void refuseNull(const std::string& field);

    /// Record a problem found by the caller's own rules.
    void problem(std::string message);
    const std::vector<std::string>& problems() const { return problems_; }
    /// Throws ValidationError when any problem was recorded.
    void finish() const;

private:
    Poco::JSON::Object::Ptr body_;
    std::vector<std::string> problems_;
    bool missing(const std::string& field, Required required);
};

} // namespace motel::sdk
