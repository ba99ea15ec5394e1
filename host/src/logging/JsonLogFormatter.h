#pragma once
// `log.format = json`: every log message as one JSON object on one line, so
// journald, Loki or Elasticsearch take the fields as they are instead of
// parsing text. Always `time` (ISO 8601, UTC, milliseconds), `level`,
// `logger` and `message`; a message that carries the request fields (the
// access log and request failures, see RequestLogFields.h) adds them as
// typed members.

#include <Poco/Formatter.h>
#include <Poco/Message.h>

namespace motel::host {

class JsonLogFormatter : public Poco::Formatter {
public:
    void format(const Poco::Message& message, std::string& text) override;

    /// `information` → `info`, `critical` → `critical`, ... (the names log
    /// shippers expect).
    static const char* levelName(Poco::Message::Priority priority);
};

} // namespace motel::host
