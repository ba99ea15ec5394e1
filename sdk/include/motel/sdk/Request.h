#pragma once
/// One HTTP request as a route handler sees it: a plain value the host fills
/// in after routing, authentication and body parsing.

#include <motel/sdk/Export.h>
#include <motel/sdk/Principal.h>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motel::sdk {

class Exchange;

struct MOTEL_SDK_API Request {
    std::string method;                                       ///< upper case: GET, POST, ...
    std::string path;                                         ///< decoded path without the query string
    std::string routeTemplate;                                ///< the matched route's template, e.g. /api/suites/:id
    std::map<std::string, std::string> params;                ///< path parameters
    std::vector<std::pair<std::string, std::string>> query;   ///< decoded, in order
    std::vector<std::pair<std::string, std::string>> headers; ///< names as sent
    std::string body;                                         ///< raw body bytes
    /// The parsed JSON body; empty when the request had no body. The host has
    /// already answered 415 for a non-JSON body and 400 for malformed JSON.
    Poco::Dynamic::Var json;
    std::optional<Principal> principal; ///< set on authenticated routes
    std::string remoteAddress;          ///< client address (X-Forwarded-For aware when configured)
    std::string requestId;
    /// Long-polling and connection takeover (see Exchange.h); set by the host.
    Exchange* exchange = nullptr;

    /// Case-insensitive header lookup; empty when absent.
    std::string header(const std::string& name) const;
    bool hasHeader(const std::string& name) const;
    /// First query value for `name`, if present.
    std::optional<std::string> queryValue(const std::string& name) const;
    /// Path parameter (empty when absent).
    std::string param(const std::string& name) const;

    /// A path parameter that must be an id. Throws ValidationError
    /// (`"<name> must be an integer"`) when it is not an integer; an integer
    /// outside the 64-bit range yields `std::nullopt`, which the caller answers
    /// with its 404 (no such resource can exist).
    std::optional<std::int64_t> idParam(const std::string& name = "id") const;

    /// The JSON body as an object. Throws ValidationError when the body is not
    /// a JSON object; an absent body gives an empty object.
    Poco::JSON::Object::Ptr jsonObject() const;

    /// The caller; throws Unauthorized when the route was public.
    const Principal& caller() const;

    /// The version in `If-Match: "<n>"` (quotes and W/ optional); nullopt when
    /// absent or `*` (any current version); ValidationError when present but
    /// not a version.
    std::optional<std::int64_t> ifMatchVersion() const;
};

} // namespace motel::sdk
