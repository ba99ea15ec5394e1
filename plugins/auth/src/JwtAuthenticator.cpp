#include "JwtAuthenticator.h"

#include "UserRepository.h"

namespace motel::auth {

JwtAuthenticator::JwtAuthenticator(std::shared_ptr<const TokenService> tokens, sdk::Database& database,
                                   std::shared_ptr<UserCache> cache, std::shared_ptr<const RevokedTokens> revoked)
    : tokens_(std::move(tokens)), database_(database), cache_(std::move(cache)), revoked_(std::move(revoked)) {}

std::optional<User> JwtAuthenticator::load(std::int64_t id) {
    const bool cached = cache_ && cache_->enabled();
    if (cached) {
        if (auto user = cache_->find(id)) return user;
    }
    const std::uint64_t generation = cached ? cache_->generation() : 0;
    std::optional<User> user;
    database_.withSession([&](sdk::SqlSession& session) { user = UserRepository(session).findById(id); });
    if (cached && user) cache_->put(*user, generation);
    return user;
}

std::optional<sdk::Principal> JwtAuthenticator::authenticate(const std::string& token) {
    const auto claims = tokens_->verify(token);
    if (!claims) return std::nullopt;
    if (revoked_ && revoked_->contains(claims->tokenId)) return std::nullopt; // logged out
    const std::optional<User> user = load(claims->userId);
    if (!user || !user->active) return std::nullopt;
    // A password change (or a deactivation) since the token was issued revokes it.
    if (claims->tokenVersion != user->tokenVersion) return std::nullopt;
    // The stored role, not the token's: a role change applies at once.
    sdk::Principal principal = user->toPrincipal();
    principal.tokenId = claims->tokenId;
    principal.tokenExpiresAt = claims->expiresAt;
    return principal;
}

} // namespace motel::auth
