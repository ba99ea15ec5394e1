#pragma once
/// What a route handler answers: a status, headers and a body. Handlers set it
/// through the helpers; errors are thrown as HttpError instead.

#include <motel/sdk/Export.h>

#include <Poco/Dynamic/Var.h>

#include <string>
#include <utility>
#include <vector>

namespace motel::sdk {

struct MOTEL_SDK_API Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// Serialise `value` (an Object::Ptr, Array::Ptr or scalar) as the JSON body
    /// with `Content-Type: application/json; charset=utf-8`.
    void json(int statusCode, const Poco::Dynamic::Var& value);
    /// 204 with no body.
    void noContent();
    /// Any other body, e.g. the Prometheus text format.
    void text(int statusCode, std::string contentType, std::string content);
    /// Replace (or add) a header.
    void setHeader(const std::string& name, std::string value);
    /// Case-insensitive lookup; empty when absent.
    std::string header(const std::string& name) const;
    /// `ETag: "<version>"` as the contract wants for single resources.
    void setVersionTag(long long version);
};

} // namespace motel::sdk
