#include "routing/ErrorEnvelope.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

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
    // Key order as NestJS writes it: statusCode, message, error.
    Poco::JSON::Object::Ptr envelope = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    envelope->set("statusCode", error.status());
    if (error.messageIsList()) {
        envelope->set("message", messageList(error.messages()));
    } else {
        envelope->set("message", error.messages().empty() ? std::string(sdk::HttpError::reasonFor(error.status()))
                                                          : bounded(error.messages().front()));
    }
    envelope->set("error", std::string(sdk::HttpError::reasonFor(error.status())));
    response.headers.clear();
    response.json(error.status(), envelope);
    for (const auto& [name, value] : error.headers()) response.setHeader(name, value);
}

void renderError(int status, const std::string& message, sdk::Response& response) {
    renderError(sdk::HttpError(status, message), response);
}

} // namespace motel::host
