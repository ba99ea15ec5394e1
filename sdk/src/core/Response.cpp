#include <motel/sdk/Response.h>

#include <Poco/JSON/Stringifier.h>
#include <Poco/String.h>

#include <sstream>

namespace motel::sdk {

void Response::json(int statusCode, const Poco::Dynamic::Var& value) {
    status = statusCode;
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(value, out);
    body = out.str();
    setHeader("Content-Type", "application/json; charset=utf-8");
}

void Response::noContent() {
    status = 204;
    body.clear();
    for (auto it = headers.begin(); it != headers.end();) {
        if (Poco::icompare(it->first, "Content-Type") == 0)
            it = headers.erase(it);
        else
            ++it;
    }
}

void Response::text(int statusCode, std::string contentType, std::string content) {
    status = statusCode;
    body = std::move(content);
    setHeader("Content-Type", std::move(contentType));
}

void Response::setHeader(const std::string& name, std::string value) {
    for (auto& entry : headers) {
        if (Poco::icompare(entry.first, name) == 0) {
            entry.second = std::move(value);
            return;
        }
    }
    headers.emplace_back(name, std::move(value));
}

std::string Response::header(const std::string& name) const {
    for (const auto& [key, value] : headers)
        if (Poco::icompare(key, name) == 0) return value;
    return {};
}

void Response::setVersionTag(long long version) {
    setHeader("ETag", "\"" + std::to_string(version) + "\"");
}

} // namespace motel::sdk
