#pragma once
/// Published by the `auth` plugin (header-only): the roles its accounts have
/// and what each includes. Route access rules and handlers of any plugin name
/// roles through these constants instead of spelling the strings:
///
///   routes.post("/api/things", sdk::Access::anyRole({plugins::auth::kManagerRole}), handler);
///   if (request.caller().hasRole(plugins::auth::kManagerRole)) ...
///
/// The authenticator puts grantsOf(role) into sdk::Principal::grants, so a
/// manager rule admits admins too (each role includes the ones below it).

#include <string>
#include <vector>

namespace motel::plugins::auth {

inline constexpr const char* kAdminRole = "admin";
inline constexpr const char* kManagerRole = "manager";
inline constexpr const char* kStaffRole = "staff";

/// Every role, in the order validation messages list them.
inline const std::vector<std::string>& allRoles() {
    static const std::vector<std::string> roles{kAdminRole, kManagerRole, kStaffRole};
    return roles;
}

/// `role` and every role it includes: admin ⊃ manager ⊃ staff. Empty for a
/// name that is not a role.
inline std::vector<std::string> grantsOf(const std::string& role) {
    const auto& all = allRoles();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i] == role) return std::vector<std::string>(all.begin() + static_cast<std::ptrdiff_t>(i), all.end());
    return {};
}

} // namespace motel::plugins::auth
