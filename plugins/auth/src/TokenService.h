#pragma once
/// Issues and verifies the API's access tokens: HS256 JWTs (libsodium's
/// HMAC-SHA-256, JSON by Poco::JSON) with
/// the claims `sub` (the user id as a decimal string, RFC 7519's
/// StringOrURI), `role`, `ver` (the user's token version: a password change
/// bumps it, revoking earlier tokens), `jti` (a random id, so one token can be
/// revoked by logout), `iat` and `exp` (seconds since the epoch).
///
/// Verification trusts nothing in the token before the signature checks out:
/// exactly three base64url segments (strictly decoded), a header whose `alg`
/// is exactly `HS256` (so `none`, HS384/HS512, RS*/ES* are refused before any
/// key is used), one HMAC (libsodium) compared in constant time, then the
/// claims: `exp` in the future (no leeway), `iat` present and `nbf` (when
/// present) not later than now + kClockSkew, `sub` a positive id, `jti` (when
/// present) a short base64url string. The HMAC is computed once. A token that checked out is remembered
/// (VerifiedTokens), so the same token on the next request costs a lookup plus the clock checks. Thread-safe.
///
/// Secret rotation: tokens are always signed with the current secret; an
/// optional previous secret is accepted for verification only, so hosts can
/// move to a new secret one at a time without logging everyone out (drop the
/// previous secret once the token lifetime has passed).

#include "VerifiedTokens.h"

#include <Poco/Timestamp.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace motel::auth {

struct TokenClaims {
    std::int64_t userId = 0;
    std::string role;
    std::int64_t issuedAt = 0;  ///< seconds since the epoch
    std::int64_t expiresAt = 0; ///< seconds since the epoch
    /// `ver`; 0 for a token issued before the claim existed (users start at 0).
    std::int64_t tokenVersion = 0;
    /// `jti`; for a token issued before the claim existed, its signature
    /// segment (unique per token), so every token has an id logout can revoke.
    std::string tokenId;
};

class TokenService {
public:
    /// `previousSecret` (may be empty): also accepted by verify(), never used to sign.
    TokenService(std::string secret, std::chrono::seconds lifetime, std::string previousSecret = "");

    /// A signed token for `userId` with `role` and `tokenVersion` (User::tokenVersion),
    /// valid for lifetime() from `now`.
    std::string issue(std::int64_t userId, const std::string& role, std::int64_t tokenVersion = 0,
                      Poco::Timestamp now = Poco::Timestamp()) const;
    /// The claims of a token signed with this service's secret (or its
    /// previous secret) that has not expired at `now`; nullopt for anything else.
    std::optional<TokenClaims> verify(const std::string& jwt, Poco::Timestamp now = Poco::Timestamp()) const;

    std::chrono::seconds lifetime() const { return lifetime_; }

    /// Tokens longer than this are refused unread.
    static constexpr std::size_t kMaxTokenLength = 4096;
    /// How far `iat` / `nbf` may lie in the future (clocks of hosts differ a little).
    static constexpr std::int64_t kClockSkewSeconds = 5;

private:
    std::string secret_;
    std::string previousSecret_;
    std::chrono::seconds lifetime_;
    mutable VerifiedTokens verified_;

    /// Everything about `jwt` that does not depend on the clock: its form,
    /// header, signature and claims; nullopt when any of it is wrong.
    std::optional<VerifiedToken> checkSignedClaims(const std::string& jwt) const;
    static bool headerIsHs256(const std::string& encodedHeader);
    /// The secret (current, then previous) whose HMAC of `signingInput` is
    /// the presented signature; nullptr when none is.
    const std::string* signingSecret(const std::string& signingInput, const std::string& encodedSignature) const;
};

} // namespace motel::auth
