#include "routing/ErrorEnvelope.h"

#include <motel/sdk/JsonString.h>

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace motel::host {

namespace {

/// `text` cut to at most kMaxMessageBytes without splitting a UTF-8 sequence.
std::string bounded(const std::string& text) {
    if (text.size() <= kMaxMessageBytes) return text;
    std::size_t end = kMaxMessageBytes - 3;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end; // continuation byte
    return text.substr(0, end) + "...";
}

} // namespace

Poco::JSON::Array::Ptr messageList(const std::vector<std::string>& messages) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    const std::size_t shown = std::min(messages.size(), kMaxMessages);
    for (std::size_t i = 0; i < shown; ++i) list->add(bounded(messages[i]));
    if (messages.size() > shown) {
        const std::size_t more = messages.size() - shown;
        list->add("and " + std::to_string(more) + " more problem" + (more == 1 ? "" : "s"));
    }
    return list;
}

void renderError(const sdk::HttpError& error, sdk::Response& response) {
    // Key order as NestJS writes it: statusCode, message, error. Written
    // straight into the body (no JSON tree per error: a 401 or 404 is the
    // commonest answer a scanner gets), the same bytes Poco's condensed
    // stringifier wrote.
    const char* const reason = sdk::HttpError::reasonFor(error.status());
    std::string body;
    body.reserve(96);
    body += "{\"statusCode\":";
    body += std::to_string(error.status());
    body += ",\"message\":";
    if (error.messageIsList()) {
        const auto& messages = error.messages();
        const std::size_t shown = std::min(messages.size(), kMaxMessages);
        body += '[';
        for (std::size_t i = 0; i < shown; ++i) {
            if (i) body += ',';
            sdk::appendJsonString(body, bounded(messages[i]));
        }
        if (messages.size() > shown) {
            const std::size_t more = messages.size() - shown;
            if (shown) body += ',';
            sdk::appendJsonString(body, "and " + std::to_string(more) + " more problem" + (more == 1 ? "" : "s"));
        }
        body += ']';
    } else {
        sdk::appendJsonString(body, error.messages().empty() ? std::string(reason) : bounded(error.messages().front()));
    }
    body += ",\"error\":";
    sdk::appendJsonString(body, reason);
    body += '}';
    response.headers.clear();
    response.text(error.status(), "application/json; charset=utf-8", std::move(body));
    for (const auto& [name, value] : error.headers()) response.setHeader(name, value);
}

void renderError(int status, const std::string& message, sdk::Response& response) {
    renderError(sdk::HttpError(status, message), response);
}

} // namespace motel::host
