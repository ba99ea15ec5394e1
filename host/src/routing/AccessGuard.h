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

    /// What admit() decided. Returned, not thrown: a 401 is common (an
    /// expired token, a probe without one) and unwinding costs more than the
    /// rest of its answer.
    enum class Verdict { admitted, unauthorized, forbidden };

    /// Sets request.principal when the route needs one and the caller is
    /// admitted. Throws only what the authenticator throws (503 when the
    /// user store is down).
    Verdict admit(const sdk::Access& access, sdk::Request& request) const;
    /// The caller for the request's bearer token; nullopt without a valid
    /// one (answer 401). Throws only what the authenticator throws.
    std::optional<sdk::Principal> identify(const sdk::Request& request) const;
    /// The token after `Bearer `; nullopt when absent or malformed.
    static std::optional<std::string> bearerToken(const sdk::Request& request);

private:
    std::shared_ptr<sdk::Authenticator> authenticator_;
};

} // namespace motel::host
