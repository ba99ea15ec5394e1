#pragma once
/// CORS headers for the long-polling answers the plugin sends itself
/// (deferred replies bypass the host's CORS decoration). Same policy as the
/// host's `cors.origins`: an allowed origin is echoed with credentials, `*`
/// allows any origin without credentials, others get nothing. Preflights
/// stay the host's.

#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>

#include <string>
#include <utility>
#include <vector>

namespace motel::realtime {

class CorsHeaders {
public:
    CorsHeaders() = default;
    explicit CorsHeaders(std::vector<std::string> origins);

    /// The headers to add to an answer to `request`.
    std::vector<std::pair<std::string, std::string>> for_(const sdk::Request& request) const;

private:
    std::vector<std::string> origins_;
    bool any_ = false;
};

} // namespace motel::realtime
