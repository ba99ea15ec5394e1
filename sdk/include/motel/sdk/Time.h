#pragma once
/// Timestamps as the contract writes them: ISO 8601 UTC with milliseconds,
/// `2026-01-01T09:30:00.000Z`. Stored in the database in the same form.

#include <motel/sdk/Export.h>

#include <Poco/Timestamp.h>

#include <optional>
#include <string>

namespace motel::sdk {

std::string formatTimestamp(const Poco::Timestamp& at);
std::string nowTimestamp();
/// Parses any ISO 8601 date-time with an offset or `Z` (fractions optional);
/// nullopt when the text is not one.
std::optional<Poco::Timestamp> parseTimestamp(const std::string& text);

} // namespace motel::sdk
