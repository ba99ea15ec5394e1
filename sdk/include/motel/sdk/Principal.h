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

    bool hasRole(const std::string& r) const { return role == r; }
    /// Managers and admins may do everything a manager may.
    bool isManagerOrAbove() const { return role == "admin" || role == "manager"; }
};

} // namespace motel::sdk
