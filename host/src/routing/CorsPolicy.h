#pragma once
// CORS for browsers calling the API from another origin (`cors.origins`):
// an allowed origin is echoed with credentials allowed (`*` grants any
// origin, without credentials), preflights are
// answered by the host, and a disallowed origin simply gets no CORS headers
// (the browser then blocks the call), as the NestJS/Express cors middleware does.

#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>

#include <string>
#include <vector>

namespace motel::host {

class CorsPolicy {
public:
    /// `origins`: exact origins, or "*" for any.
    explicit CorsPolicy(std::vector<std::string> origins);

    bool isPreflight(const sdk::Request& request) const;
    /// Answers a preflight with 204 (CORS headers only for allowed origins).
    void answerPreflight(const sdk::Request& request, sdk::Response& response) const;
    /// Adds the CORS headers to an ordinary response when the origin is allowed.
    void decorate(const sdk::Request& request, sdk::Response& response) const;
    bool allows(const std::string& origin) const;

private:
    std::vector<std::string> origins_;
    void grant(const std::string& origin, sdk::Response& response) const;
    bool any_ = false;
};

} // namespace motel::host
