#include <motel/suites/NullableFields.h>

namespace motel::suites {

namespace {

/// Absent: nullopt; null: a present nullopt; otherwise what `read` makes of
/// it (nullopt when it recorded a problem).
template <class T, class Read>
std::optional<std::optional<T>> nullable(sdk::BodyReader& body, const char* field, Read read) {
    if (!body.has(field)) return std::nullopt;
    if (body.isNull(field)) return std::optional<T>();
    auto value = read();
    if (!value) return std::nullopt;
    return std::optional<T>(*value);
}

} // namespace

std::optional<std::optional<std::string>> NullableFields::text(sdk::BodyReader& body, const char* field,
                                                               std::size_t maxLength) {
    return nullable<std::string>(body, field, [&] { return body.string(field, sdk::Required::no, false, maxLength); });
}

std::optional<std::optional<std::int64_t>> NullableFields::integer(sdk::BodyReader& body, const char* field) {
    return nullable<std::int64_t>(body, field, [&] { return body.integer(field); });
}

std::optional<std::optional<std::string>> NullableFields::timestamp(sdk::BodyReader& body, const char* field) {
    return nullable<std::string>(body, field, [&] { return body.timestamp(field); });
}

void NullableFields::refuseNull(sdk::BodyReader& body, const char* field) {
    if (body.isNull(field)) body.problem(std::string(field) + " should not be empty");
}

} // namespace motel::suites
