#pragma once
// Callers for tests: a sdk::Principal built field by field, so a test names
// what it cares about and the token fields stay at their defaults (a brace
// list that stops early trips -Wmissing-field-initializers).

#include <motel/sdk/Principal.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace motel::sdk::testing {

/// A caller with `role` and the `grants` it may act as (empty: just `role`),
/// presenting no token.
inline Principal caller(std::int64_t id, std::string email, std::string name, std::string role,
                        std::vector<std::string> grants = {}) {
    Principal principal;
    principal.id = id;
    principal.email = std::move(email);
    principal.name = std::move(name);
    principal.role = std::move(role);
    principal.grants = std::move(grants);
    return principal;
}

} // namespace motel::sdk::testing
