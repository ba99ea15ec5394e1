#include <motel/sdk/Time.h>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>

#include <string_view>

namespace motel::sdk {

namespace {

// Reads the text left to right for IsoShape.
class ShapeCursor {
public:
    explicit ShapeCursor(std::string_view text) : text_(text) {}
    bool atEnd() const { return at_ == text_.size(); }
    bool digits(std::size_t count) {
        for (std::size_t i = 0; i < count; ++i, ++at_)
            if (at_ >= text_.size() || text_[at_] < '0' || text_[at_] > '9') return false;
        return true;
    }
    /// Consumes `c` if it is next.
    bool literal(char c) {
        if (at_ >= text_.size() || text_[at_] != c) return false;
        ++at_;
        return true;
    }
    /// Consumes the digits that follow; how many.
    std::size_t digitRun() {
        const std::size_t start = at_;
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
        return at_ - start;
    }

private:
    std::string_view text_;
    std::size_t at_ = 0;
};

// YYYY-MM-DDTHH:MM[:SS[.F{1,9}]] then Z or ±HH[:]MM, nothing else: the
// strict shape the contract accepts, checked before Poco's lenient parser.
// (Hand-written rather than std::regex: the regex engine put ~80 KB of code
// into the host and every plugin that links the SDK kit.)
bool hasIsoShape(std::string_view text) {
    ShapeCursor in(text);
    if (!(in.digits(4) && in.literal('-') && in.digits(2) && in.literal('-') && in.digits(2) && in.literal('T') &&
          in.digits(2) && in.literal(':') && in.digits(2)))
        return false;
    if (in.literal(':')) {
        if (!in.digits(2)) return false;
        if (in.literal('.')) {
            const std::size_t fraction = in.digitRun();
            if (fraction < 1 || fraction > 9) return false;
        }
    }
    if (in.literal('Z')) return in.atEnd();
    if (!in.literal('+') && !in.literal('-')) return false;
    if (!in.digits(2)) return false;
    in.literal(':');
    return in.digits(2) && in.atEnd();
}

} // namespace

std::string formatTimestamp(const Poco::Timestamp& at) {
    return Poco::DateTimeFormatter::format(at, "%Y-%m-%dT%H:%M:%S.%iZ");
}

std::string nowTimestamp() {
    return formatTimestamp(Poco::Timestamp());
}

std::optional<Poco::Timestamp> parseTimestamp(const std::string& text) {
    // Strict shape first: Poco's parser is lenient and would accept partial
    // dates; the contract wants full ISO 8601 date-times with a zone.
    if (!hasIsoShape(text)) return std::nullopt;
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
