#include "JwtAuthenticator.h"

#include "UserRepository.h"

namespace motel::auth {

JwtAuthenticator::JwtAuthenticator(std::shared_ptr<const TokenService> tokens, sdk::Database& database)
    : tokens_(std::move(tokens)), database_(database) {}

std::optional<sdk::Principal> JwtAuthenticator::authenticate(const std::string& token) {
    const auto claims = tokens_->verify(token);
    if (!claims) return std::nullopt;
    std::optional<User> user;
    database_.withSession([&](sdk::SqlSession& session) { user = UserRepository(session).findById(claims->userId); });
    if (!user || !user->active) return std::nullopt;
    // A password change (or a deactivation) since the token was issued revokes it.
    if (claims->tokenVersion != user->tokenVersion) return std::nullopt;
    // The stored role, not the token's: a role change applies at once.
    return user->toPrincipal();
}

} // namespace motel::auth
