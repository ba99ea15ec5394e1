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
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Credentials", "true");
    response.setHeader("Access-Control-Allow-Methods", kAllowedMethods);
    const std::string requested = request.header("Access-Control-Request-Headers");
    response.setHeader("Access-Control-Allow-Headers", requested.empty() ? kDefaultHeaders : requested);
    response.setHeader("Access-Control-Max-Age", "600");
}

void CorsPolicy::decorate(const sdk::Request& request, sdk::Response& response) const {
    const std::string origin = request.header("Origin");
    if (!allows(origin)) return;
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Credentials", "true");
    response.setHeader("Access-Control-Expose-Headers", kExposedHeaders);
    response.setHeader("Vary", "Origin");
}

} // namespace motel::host
