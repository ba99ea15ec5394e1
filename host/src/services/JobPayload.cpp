#include "services/JobPayload.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>
#include <stdexcept>

namespace motel::host {

std::string JobPayload::toJson(const Poco::Dynamic::Var& payload) {
    try {
        std::ostringstream text;
        Poco::JSON::Stringifier::stringify(payload, text);
        return text.str();
    } catch (const Poco::Exception& error) {
        throw std::invalid_argument("job payload is not JSON-serialisable: " + error.displayText());
    }
}

Poco::Dynamic::Var JobPayload::fromJson(const std::string& json) {
    // Poco 1.11's parser wants an object or an array at the top, so a scalar
    // payload is read as the element of one.
    const auto wrapped = Poco::JSON::Parser().parse("[" + json + "]");
    return wrapped.extract<Poco::JSON::Array::Ptr>()->get(0);
}

} // namespace motel::host
