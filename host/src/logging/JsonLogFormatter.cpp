#include "logging/JsonLogFormatter.h"
#include "logging/RequestLogFields.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>

#include <sstream>

namespace motel::host {

namespace {
// Fields that are numbers in JSON; a value that does not parse stays a string.
bool isNumericField(const std::string& name) {
    return name == logfields::status || name == logfields::durationMs || name == logfields::userId;
}

void addField(Poco::JSON::Object& line, const Poco::Message& message, const char* name) {
    if (!message.has(name)) return;
    const std::string& value = message.get(name);
    double number = 0;
    if (isNumericField(name) && Poco::NumberParser::tryParseFloat(value, number)) line.set(name, number);
    else line.set(name, value);
}
} // namespace

const char* JsonLogFormatter::levelName(Poco::Message::Priority priority) {
    switch (priority) {
    case Poco::Message::PRIO_FATAL: return "fatal";
    case Poco::Message::PRIO_CRITICAL: return "critical";
    case Poco::Message::PRIO_ERROR: return "error";
    case Poco::Message::PRIO_WARNING: return "warning";
    case Poco::Message::PRIO_NOTICE: return "notice";
    case Poco::Message::PRIO_INFORMATION: return "info";
    case Poco::Message::PRIO_DEBUG: return "debug";
    case Poco::Message::PRIO_TRACE: return "trace";
    }
    return "info";
}

void JsonLogFormatter::format(const Poco::Message& message, std::string& text) {
    Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
    line.set("time", Poco::DateTimeFormatter::format(message.getTime(), "%Y-%m-%dT%H:%M:%S.%iZ"));
    line.set("level", std::string(levelName(message.getPriority())));
    line.set("logger", message.getSource());
    line.set("message", message.getText());
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
