#pragma once
/// One row of `auth_revocations`: something that ends sessions, written in
/// the transaction of the change that causes it and read by every host
/// (RevocationFeed). `topic` is the event every host publishes on its own
/// bus when it learns of the row, with payload():
///   token.revoked         {"userId","tokenId"}  logout of one token
///   user.passwordChanged  {"id"}                every earlier token is dead
///   user.deactivated      {"id"}
///   user.deleted          {"id"}
///   user.roleChanged      {"id"}
/// The realtime plugin ends the matching sockets; UserCache forgets the user.

#include <motel/sdk/Database.h>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>

namespace motel::auth {

struct Revocation {
    std::int64_t id = 0;
    std::string topic;
    std::int64_t userId = 0;
    std::string tokenId;        ///< token.revoked only
    std::int64_t expiresAt = 0; ///< seconds since the epoch: the token's `exp`, or when the notice is no longer needed
    std::int64_t createdMs = 0; ///< milliseconds since the epoch, the writer's clock
    std::string origin;         ///< the writing process (RevocationFeed's instance id)

    static constexpr const char* kTokenRevoked = "token.revoked";
    static constexpr const char* kPasswordChanged = "user.passwordChanged";
    static constexpr const char* kDeactivated = "user.deactivated";
    static constexpr const char* kDeleted = "user.deleted";
    static constexpr const char* kRoleChanged = "user.roleChanged";

    static const char* columns();
    static Revocation fromRow(const sdk::Row& row);
    /// The event payload (see above).
    Poco::JSON::Object::Ptr payload() const;
};

} // namespace motel::auth
