#pragma once
/// The ids (`jti`) of the tokens revoked by logout that have not expired yet,
/// in memory, so the authenticator refuses them without a database round
/// trip. RevocationFeed fills it from `auth_revocations` (the source of truth
/// every host shares) and keeps it current; entries leave once their token
/// has expired anyway. Thread-safe: many readers (every authenticated
/// request), few writers.

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace motel::auth {

class RevokedTokens {
public:
    /// `expiresAt`: the token's `exp` (seconds since the epoch).
    void add(const std::string& tokenId, std::int64_t expiresAt);
    bool contains(const std::string& tokenId) const;
    /// Drops the entries whose token has expired by `now` (seconds); returns how many.
    std::size_t forgetExpired(std::int64_t now);
    std::size_t size() const;

private:
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, std::int64_t> expiries_;
};

} // namespace motel::auth
