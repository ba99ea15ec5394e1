#pragma once
/// The sdk::Authenticator the auth plugin provides under
/// sdk::kAuthenticatorService: the host asks it for every protected route,
/// the realtime plugin for every Socket.IO handshake.
///
/// A token is accepted when TokenService vouches for it (HS256, signature,
/// expiry, `iat`/`nbf`), it has not been logged out (RevokedTokens, in
/// memory), its user still exists (not deleted) and is active, and its `ver`
/// claim equals the user's token version (a password change bumps it,
/// revoking every token issued before). The user comes from UserCache when it holds a
/// fresh copy, else from the database (and is then cached): a deactivation
/// or a role change made through this host takes effect on the very next
/// request; one made elsewhere within the cache's TTL (see UserCache).

#include "RevokedTokens.h"
#include "TokenService.h"
#include "UserCache.h"

#include <motel/sdk/Authenticator.h>
#include <motel/sdk/Database.h>

#include <memory>

namespace motel::auth {

class JwtAuthenticator : public sdk::Authenticator {
public:
    /// `cache` may be null: then every call reads the user from the database.
    /// `revoked` may be null: no token is logged out (unit tests).
    JwtAuthenticator(std::shared_ptr<const TokenService> tokens, sdk::Database& database,
                     std::shared_ptr<UserCache> cache = nullptr,
                     std::shared_ptr<const RevokedTokens> revoked = nullptr);

    /// Database errors propagate (the host answers 5xx, not a misleading 401).
    std::optional<sdk::Principal> authenticate(const std::string& token) override;

private:
    std::shared_ptr<const TokenService> tokens_;
    sdk::Database& database_;
    std::shared_ptr<UserCache> cache_;
    std::shared_ptr<const RevokedTokens> revoked_;

    std::optional<User> load(std::int64_t id);
};

} // namespace motel::auth
