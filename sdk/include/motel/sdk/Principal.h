#pragma once
/// The authenticated caller of a request, as the authenticator (the `auth`
/// plugin) vouches for it. Plugins read it from `Request::principal`; none of
/// them parses a token itself.

#include <cstdint>
#include <string>

namespace motel::sdk {

struct Principal {
    std::int64_t id = 0;
    std::string email;
    std::string name;
    std::string role; ///< "admin", "manager" or "staff"
    /// The id of the token the caller presented (its `jti`): logout revokes
    /// it, and the realtime plugin ends the sockets opened with it. Empty when
    /// the authenticator does not say.
    std::string tokenId;
    /// When that token expires, in seconds since the epoch (0: not known): a
    /// socket opened with it ends then.
    std::int64_t tokenExpiresAt = 0;

    bool hasRole(const std::string& r) const { return role == r; }
    /// Managers and admins may do everything a manager may.
    bool isManagerOrAbove() const { return role == "admin" || role == "manager"; }
};

} // namespace motel::sdk
