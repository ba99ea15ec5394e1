#pragma once
/// The authenticated caller of a request, as the authenticator (the `auth`
/// plugin) vouches for it. Plugins read it from `Request::principal`; none of
/// them parses a token itself.
///
/// Role names belong to the plugin that manages accounts, not to the SDK: the
/// standard `auth` plugin publishes its roles and what each includes in
/// <motel/plugins/auth/Roles.h> (an admin may do what a manager may, a
/// manager what staff may). The authenticator fills `grants` with the
/// caller's role and every role it includes, so a check asks "may act as X"
/// without knowing the hierarchy.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace motel::sdk {

struct Principal {
    std::int64_t id = 0;
    std::string email;
    std::string name;
    std::string role; ///< the account's own role, as the authenticator names it
    /// Every role the caller may act as: `role` and the roles it includes.
    /// Empty means just `role`.
    std::vector<std::string> grants;
    /// The id of the token the caller presented (its `jti`): logout revokes
    /// it, and the realtime plugin ends the sockets opened with it. Empty when
    /// the authenticator does not say.
    std::string tokenId;
    /// When that token expires, in seconds since the epoch (0: not known): a
    /// socket opened with it ends then.
    std::int64_t tokenExpiresAt = 0;

    /// True when the caller may act as `r` (its own role or one it includes).
    bool hasRole(const std::string& r) const {
        if (grants.empty()) return role == r;
        return std::find(grants.begin(), grants.end(), r) != grants.end();
    }
    /// True when the caller may act as any of `roles`.
    bool hasAnyRole(const std::vector<std::string>& roles) const {
        return std::any_of(roles.begin(), roles.end(), [this](const std::string& r) { return hasRole(r); });
    }
};

} // namespace motel::sdk
