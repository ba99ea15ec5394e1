#include "application/AckReply.h"

#include "json/JsonText.h"

#include <motel/sdk/Errors.h>

namespace motel::realtime {

std::string AckReply::ok(const Poco::Dynamic::Var& data) {
    std::string out = R"({"ok":true,"data":)";
    JsonText::write(data, out);
    out += '}';
    return out;
}

std::string AckReply::error(int status, const std::string& message) {
    return error(status, std::vector<std::string>{message}, false);
}

std::string AckReply::error(int status, const std::vector<std::string>& messages, bool asList) {
    std::string out = R"({"ok":false,"error":{"statusCode":)" + std::to_string(status) + R"(,"message":)";
    if (asList) {
        out += '[';
        for (std::size_t i = 0; i < messages.size(); ++i) {
            if (i > 0) out += ',';
            JsonText::writeString(messages[i], out);
        }
        out += ']';
    } else {
        JsonText::writeString(messages.empty() ? std::string() : messages.front(), out);
    }
    out += R"(,"error":)";
    JsonText::writeString(sdk::HttpError::reasonFor(status), out);
    out += "}}";
    return out;
}

} // namespace motel::realtime
