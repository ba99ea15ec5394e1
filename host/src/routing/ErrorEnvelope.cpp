#include "routing/ErrorEnvelope.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace motel::host {

void renderError(const sdk::HttpError& error, sdk::Response& response) {
    // Key order as NestJS writes it: statusCode, message, error.
    Poco::JSON::Object::Ptr envelope = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    envelope->set("statusCode", error.status());
    if (error.messageIsList()) {
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& m : error.messages()) list->add(m);
        envelope->set("message", list);
    } else {
        envelope->set("message", error.messages().empty() ? std::string(sdk::HttpError::reasonFor(error.status()))
                                                          : error.messages().front());
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
