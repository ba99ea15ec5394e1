#pragma once
/// The sdk::Authenticator the auth plugin provides under
/// sdk::kAuthenticatorService: the host asks it for every protected route,
/// the realtime plugin for every Socket.IO handshake.
///
/// A token is accepted when TokenService vouches for it (HS256, signature,
/// expiry), its user still exists and is active, and its `ver` claim equals
/// the user's token version (a password change bumps it, revoking every
/// token issued before). The user is read from the
/// database on every call, on purpose: a deactivation or a role change takes
/// effect on the very next request, on every host sharing the database (a
/// primary-key lookup costs far less than the request around it).

#include "TokenService.h"

#include <motel/sdk/Authenticator.h>
#include <motel/sdk/Database.h>

#include <memory>

namespace motel::auth {

class JwtAuthenticator : public sdk::Authenticator {
public:
    JwtAuthenticator(std::shared_ptr<const TokenService> tokens, sdk::Database& database);

    /// Database errors propagate (the host answers 5xx, not a misleading 401).
    std::optional<sdk::Principal> authenticate(const std::string& token) override;

private:
    std::shared_ptr<const TokenService> tokens_;
    sdk::Database& database_;
};

} // namespace motel::auth
