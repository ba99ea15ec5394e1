#include <motel/sdk/Errors.h>
#include <motel/sdk/Request.h>

#include <Poco/String.h>

#include <cerrno>
#include <cstdlib>
#include <limits>

namespace motel::sdk {

namespace {
// Digits with an optional leading minus, as NestJS's ParseIntPipe accepts
// (`+1` is not an id).
bool isInteger(const std::string& text) {
    std::size_t i = (!text.empty() && text[0] == '-') ? 1 : 0;
    if (i >= text.size()) return false;
    for (; i < text.size(); ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return true;
}
} // namespace

std::string Request::header(const std::string& name) const {
    for (const auto& [key, value] : headers)
        if (Poco::icompare(key, name) == 0) return value;
    return {};
}

bool Request::hasHeader(const std::string& name) const {
    for (const auto& entry : headers)
        if (Poco::icompare(entry.first, name) == 0) return true;
    return false;
}

std::optional<std::string> Request::queryValue(const std::string& name) const {
    for (const auto& [key, value] : query)
        if (key == name) return value;
    return std::nullopt;
}

std::string Request::param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

std::optional<std::int64_t> Request::idParam(const std::string& name) const {
    const std::string text = param(name);
    if (!isInteger(text)) throw ValidationError(name + " must be an integer");
    errno = 0;
    const long long value = std::strtoll(text.c_str(), nullptr, 10);
    if (errno == ERANGE) return std::nullopt;
    return static_cast<std::int64_t>(value);
}

Poco::JSON::Object::Ptr Request::jsonObject() const {
    if (json.isEmpty()) return new Poco::JSON::Object;
    if (json.type() == typeid(Poco::JSON::Object::Ptr)) return json.extract<Poco::JSON::Object::Ptr>();
    throw BadRequest("Request body must be a JSON object");
}

const Principal& Request::caller() const {
    if (!principal) throw Unauthorized();
    return *principal;
}

std::optional<std::int64_t> Request::ifMatchVersion() const {
    if (!hasHeader("If-Match")) return std::nullopt;
    std::string text = Poco::trim(header("If-Match"));
    // `*` matches any current representation (RFC 9110 13.1.1): the resource
    // exists by the time this is asked, so it sets no version condition.
    if (text == "*") return std::nullopt;
    if (text.rfind("W/", 0) == 0) text = text.substr(2);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
    if (!isInteger(text) || text[0] == '-') throw ValidationError("If-Match must be a quoted version number");
    errno = 0;
    const long long value = std::strtoll(text.c_str(), nullptr, 10);
    if (errno == ERANGE) throw ValidationError("If-Match must be a quoted version number");
    return static_cast<std::int64_t>(value);
}

} // namespace motel::sdk
