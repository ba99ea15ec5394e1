#include "routing/CorsPolicy.h"

#include <algorithm>

namespace motel::host {

namespace {
const char* const kAllowedMethods = "GET,HEAD,PUT,PATCH,POST,DELETE";
const char* const kDefaultHeaders = "Authorization,Content-Type,If-Match,X-Request-Id";
const char* const kExposedHeaders = "ETag,X-Request-Id,Retry-After,Allow";
} // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {
    any_ = std::find(origins_.begin(), origins_.end(), "*") != origins_.end();
}

bool CorsPolicy::allows(const std::string& origin) const {
    if (origin.empty()) return false;
    return any_ || std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

bool CorsPolicy::isPreflight(const sdk::Request& request) const {
    return request.method == "OPTIONS" && request.hasHeader("Origin") &&
           request.hasHeader("Access-Control-Request-Method");
}

void CorsPolicy::answerPreflight(const sdk::Request& request, sdk::Response& response) const {
    response.noContent();
    response.setHeader("Vary", "Origin, Access-Control-Request-Headers");
    const std::string origin = request.header("Origin");
    if (!allows(origin)) return;
    grant(origin, response);
    response.setHeader("Access-Control-Allow-Methods", kAllowedMethods);
    const std::string requested = request.header("Access-Control-Request-Headers");
    response.setHeader("Access-Control-Allow-Headers", requested.empty() ? kDefaultHeaders : requested);
    response.setHeader("Access-Control-Max-Age", "600");
}

void CorsPolicy::decorate(const sdk::Request& request, sdk::Response& response) const {
    if (origins_.empty()) return; // no origin is allowed: not even a header lookup per request
    const std::string origin = request.header("Origin");
    if (!allows(origin)) return;
    grant(origin, response);
    response.setHeader("Access-Control-Expose-Headers", kExposedHeaders);
    if (!any_) response.setHeader("Vary", "Origin");
}

void CorsPolicy::grant(const std::string& origin, sdk::Response& response) const {
    // A configured "*" means any origin but never with credentials: browsers
    // forbid the combination, and echoing every origin with credentials would
    // hand any site the user's session.
    if (any_) {
        response.setHeader("Access-Control-Allow-Origin", "*");
        return;
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Credentials", "true");
}

} // namespace motel::host
