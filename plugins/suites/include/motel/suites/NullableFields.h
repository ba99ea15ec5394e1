#pragma once
/// Body fields that may be null, read with sdk::BodyReader the same way by the
/// suites and tasks plugins. A nested optional tells the three cases apart:
/// absent (nullopt: leave the field alone), null (a present nullopt: clear
/// it), a value. Problems go to the reader like its own.

#include <motel/sdk/BodyReader.h>

#include <cstdint>
#include <optional>
#include <string>

namespace motel::suites {

class NullableFields {
public:
    static std::optional<std::optional<std::string>> text(sdk::BodyReader& body, const char* field,
                                                          std::size_t maxLength);
    /// Any integer (an id no row has is the caller's 404).
    static std::optional<std::optional<std::int64_t>> integer(sdk::BodyReader& body, const char* field);
    /// An ISO 8601 timestamp, normalised.
    static std::optional<std::optional<std::string>> timestamp(sdk::BodyReader& body, const char* field);
    /// For a field that may be set but never to null: null is a problem
    /// (`<field> should not be empty`).
    static void refuseNull(sdk::BodyReader& body, const char* field);
};

} // namespace motel::suites
