#include "logging/JsonLogFormatter.h"
#include "logging/RequestLogFields.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>

#include <sstream>

namespace motel::host {

namespace {
const char* const kReplacementCharacter = "\xEF\xBF\xBD"; // U+FFFD

// The length of the well-formed UTF-8 sequence at `at`, 0 when there is none
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8SequenceAt(const std::string& text, std::size_t at) {
    const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead == 0xE0)
        length = 3, low = 0xA0;
    else if (lead >= 0xE1 && lead <= 0xEC)
        length = 3;
    else if (lead == 0xED)
        length = 3, high = 0x9F;
    else if (lead >= 0xEE && lead <= 0xEF)
        length = 3;
    else if (lead == 0xF0)
        length = 4, low = 0x90;
    else if (lead >= 0xF1 && lead <= 0xF3)
        length = 4;
    else if (lead == 0xF4)
        length = 4, high = 0x8F;
    else
        return 0;
    if (at + length > text.size()) return 0;
    if (byte(at + 1) < low || byte(at + 1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
    return length;
}

// Log text comes from clients too (a request path may decode to any bytes):
// a JSON line must stay valid UTF-8, so each malformed byte becomes U+FFFD.
std::string wellFormed(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = utf8SequenceAt(text, at);
        if (length == 0) {
            out += kReplacementCharacter;
            ++at;
        } else {
            out.append(text, at, length);
            at += length;
        }
    }
    return out;
}

// Fields that are numbers in JSON; a value that does not parse stays a string.
bool isNumericField(const std::string& name) {
    return name == logfields::status || name == logfields::durationMs || name == logfields::userId;
}

void addField(Poco::JSON::Object& line, const Poco::Message& message, const char* name) {
    if (!message.has(name)) return;
    const std::string& value = message.get(name);
    double number = 0;
    if (isNumericField(name) && Poco::NumberParser::tryParseFloat(value, number))
        line.set(name, number);
    else
        line.set(name, wellFormed(value));
}
} // namespace

const char* JsonLogFormatter::levelName(Poco::Message::Priority priority) {
    switch (priority) {
    case Poco::Message::PRIO_FATAL:
        return "fatal";
    case Poco::Message::PRIO_CRITICAL:
        return "critical";
    case Poco::Message::PRIO_ERROR:
        return "error";
    case Poco::Message::PRIO_WARNING:
        return "warning";
    case Poco::Message::PRIO_NOTICE:
        return "notice";
    case Poco::Message::PRIO_INFORMATION:
        return "info";
    case Poco::Message::PRIO_DEBUG:
        return "debug";
    case Poco::Message::PRIO_TRACE:
        return "trace";
    }
    return "info";
}

void JsonLogFormatter::format(const Poco::Message& message, std::string& text) {
    Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
    line.set("time", Poco::DateTimeFormatter::format(message.getTime(), "%Y-%m-%dT%H:%M:%S.%iZ"));
    line.set("level", std::string(levelName(message.getPriority())));
    line.set("logger", wellFormed(message.getSource()));
    line.set("message", wellFormed(message.getText()));
    for (const char* name : {logfields::requestId, logfields::method, logfields::route, logfields::path,
                             logfields::status, logfields::durationMs, logfields::userId, logfields::client})
        addField(line, message, name);
    // Poco's stringifier escapes control characters and quotes, so a message
    // holding a newline still makes exactly one line.
    std::ostringstream out;
    line.stringify(out);
    text = out.str();
}

} // namespace motel::host
