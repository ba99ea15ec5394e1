#pragma once
// JSON numbers the parser cannot hold: an integer beyond 64 bits
// (`99999999999999999999`) or a number beyond a double (`1e400`). Both are
// valid JSON, so they must not be answered as "Malformed JSON": the body is
// read with each of them as +/-infinity, as JavaScript's JSON.parse reads
// `1e400`, and every field's own type check refuses it by name ("floor must
// be an integer"). An integer beyond 64 bits becomes infinity as well, never
// a rounded double, so no field can take a value other than the one sent.

#include <Poco/Dynamic/Var.h>

#include <optional>
#include <string>

namespace motel::host::JsonNumberRange {

/// `json` with every well-formed number the parser cannot hold replaced by a
/// marker string; nullopt when there is none (the text is left to the
/// parser's own verdict). Strings are skipped, so only real numbers count.
std::optional<std::string> markOutOfRange(const std::string& json);

/// In a value parsed from markOutOfRange()'s text, turn the markers back
/// into +/-infinity (doubles).
void replaceMarkers(Poco::Dynamic::Var& value);

} // namespace motel::host::JsonNumberRange
