#pragma once
/// A user account as the auth plugin stores it, and its one public shape:
/// `{"id","email","name","role","active","createdAt","updatedAt"}`.
/// The password hash travels with the record inside the plugin only; toJson()
/// never includes it.

#include <motel/sdk/Database.h>
#include <motel/sdk/Principal.h>
#include <motel/plugins/auth/Roles.h>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <vector>

namespace motel::auth {

/// The roles the API knows, in the order validation messages list them.
inline const std::vector<std::string>& userRoles() {
    return plugins::auth::allRoles();
}

struct User {
    std::int64_t id = 0;
    std::string email;
    std::string name;
    std::string role;
    bool active = true;
    std::string createdAt;
    std::string updatedAt;
    std::string passwordHash; ///< never rendered, never logged
    /// The `ver` every accepted token of this user carries; bumped by a
    /// password change or a deactivation to revoke the tokens issued before.
    std::int64_t tokenVersion = 0;

    /// The columns fromRow() expects, for SELECT lists.
    static const char* columns();
    static User fromRow(const sdk::Row& row);

    Poco::JSON::Object::Ptr toJson() const;
    sdk::Principal toPrincipal() const;
};

} // namespace motel::auth
