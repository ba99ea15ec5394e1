#pragma once
/// Tokens whose signature and claims already checked out, so a client that
/// sends the same token with every request pays the HMAC, the base64 and the
/// JSON parse once instead of per request. Only what does not depend on the
/// clock is kept: the caller still checks `exp`, `iat` and `nbf` against now
/// each time, and revocation and the user's state are checked after this.
/// Bounded: when full it starts over (a flood of distinct valid tokens costs
/// their verification, never memory). Thread-safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace motel::auth {

/// The claims of a verified token plus `nbf` when it had one.
struct VerifiedToken {
    std::int64_t userId = 0;
    std::string role;
    std::int64_t issuedAt = 0;
    std::int64_t expiresAt = 0;
    std::int64_t tokenVersion = 0;
    std::string tokenId;
    std::optional<std::int64_t> notBefore;
};

class VerifiedTokens {
public:
    explicit VerifiedTokens(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

    std::optional<VerifiedToken> find(const std::string& token) const;
    void remember(const std::string& token, const VerifiedToken& verified);
    std::size_t size() const;

    static constexpr std::size_t kDefaultCapacity = 1024;

private:
    std::size_t capacity_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, VerifiedToken> tokens_;
};

} // namespace motel::auth
