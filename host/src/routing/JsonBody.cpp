#include "routing/JsonBody.h"
#include "routing/JsonNumberRange.h"

#include <motel/sdk/Errors.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

namespace motel::host {

bool JsonBody::isJsonContentType(const std::string& contentType) {
    std::string type = Poco::toLower(Poco::trim(contentType.substr(0, contentType.find(';'))));
    return type == "application/json" ||
           (type.rfind("application/", 0) == 0 && type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
}

bool JsonBody::isValidUtf8(const std::string& text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        std::size_t extra;
        unsigned int codepoint;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            codepoint = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            codepoint = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            codepoint = c & 0x07;
        } else
            return false;
        if (i + extra >= n) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            codepoint = (codepoint << 6) | (s[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((extra == 1 && codepoint < 0x80) || (extra == 2 && codepoint < 0x800) ||
            (extra == 3 && codepoint < 0x10000) || codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

bool JsonBody::containsNul(const Poco::Dynamic::Var& value) {
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        const auto object = value.extract<Poco::JSON::Object::Ptr>();
        if (!object) return false;
        for (const auto& [name, member] : *object)
            if (name.find('\0') != std::string::npos || containsNul(member)) return true;
        return false;
    }
    if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        const auto array = value.extract<Poco::JSON::Array::Ptr>();
        if (!array) return false;
        for (const auto& element : *array)
            if (containsNul(element)) return true;
        return false;
    }
    return value.isString() && value.extract<std::string>().find('\0') != std::string::npos;
}

namespace {

bool tryParse(const std::string& text, Poco::Dynamic::Var& json) {
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(JsonBody::kMaxDepth);
        json = parser.parse(text);
        return true;
    } catch (const Poco::Exception&) {
        return false;
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace

Poco::Dynamic::Var JsonBody::parse(const sdk::Request& request) {
    const std::string& method = request.method;
    if (method != "POST" && method != "PUT" && method != "PATCH") return {};
    if (Poco::trim(request.body).empty()) return {};
    if (!isJsonContentType(request.header("Content-Type")))
        throw sdk::HttpError(415, "Content-Type must be application/json");
    if (!isValidUtf8(request.body)) throw sdk::BadRequest("Request body is not valid UTF-8");
    Poco::Dynamic::Var json;
    if (!tryParse(request.body, json)) {
        // Valid JSON the parser cannot hold (`1e400`): read those numbers as
        // infinity, so the field's own check names it; anything else stays malformed.
        const auto marked = JsonNumberRange::markOutOfRange(request.body);
        if (!marked || !tryParse(*marked, json)) throw sdk::BadRequest("Malformed JSON in request body");
        JsonNumberRange::replaceMarkers(json);
    }
    if (containsNul(json)) throw sdk::BadRequest("Request body must not contain NUL characters (\\u0000)");
    return json;
}

} // namespace motel::host
