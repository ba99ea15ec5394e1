#include <motel/sdk/Time.h>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>

#include <regex>

namespace motel::sdk {

std::string formatTimestamp(const Poco::Timestamp& at) {
    return Poco::DateTimeFormatter::format(at, "%Y-%m-%dT%H:%M:%S.%iZ");
}

std::string nowTimestamp() {
    return formatTimestamp(Poco::Timestamp());
}

std::optional<Poco::Timestamp> parseTimestamp(const std::string& text) {
    // Strict shape first: Poco's parser is lenient and would accept partial
    // dates; the contract wants full ISO 8601 date-times with a zone.
    static const std::regex shape(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$)");
    if (!std::regex_match(text, shape)) return std::nullopt;
    Poco::DateTime parsed;
    int zone = 0;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, parsed, zone) &&
        !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, text, parsed, zone))
        return std::nullopt;
    // Reject impossible dates that the parser normalises (2026-02-30).
    const std::string datePart = text.substr(0, 10);
    if (Poco::DateTimeFormatter::format(parsed, "%Y-%m-%d") != datePart) return std::nullopt;
    parsed.makeUTC(zone);
    return parsed.timestamp();
}

} // namespace motel::sdk
