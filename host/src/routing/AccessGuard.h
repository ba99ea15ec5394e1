#pragma once
// Decides who may call a route, before its handler runs: reads the bearer
// token, asks the Authenticator (provided by the auth plugin) who the caller
// is, and checks the route's roles. Answers 401 and 403 for every plugin, so
// no plugin parses a token itself.

#include <motel/sdk/Authenticator.h>
#include <motel/sdk/Request.h>
#include <motel/sdk/Routes.h>

#include <memory>
#include <optional>

namespace motel::host {

class AccessGuard {
public:
    void setAuthenticator(std::shared_ptr<sdk::Authenticator> authenticator) {
        authenticator_ = std::move(authenticator);
    }
    bool hasAuthenticator() const { return authenticator_ != nullptr; }

    /// Sets request.principal, or throws Unauthorized / Forbidden.
    void admit(const sdk::Access& access, sdk::Request& request) const;
    /// The caller for the request's bearer token; throws Unauthorized.
    sdk::Principal authenticate(const sdk::Request& request) const;
    /// The token after `Bearer `; nullopt when absent or malformed.
    static std::optional<std::string> bearerToken(const sdk::Request& request);

private:
    std::shared_ptr<sdk::Authenticator> authenticator_;
};

} // namespace motel::host
