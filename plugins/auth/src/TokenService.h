#pragma once
/// Issues and verifies the API's access tokens: HS256 JWTs (Poco::JWT) with
/// the claims `sub` (the user id as a decimal string, RFC 7519's
/// StringOrURI), `role`, `ver` (the user's token version: a password change
/// bumps it, revoking earlier tokens), `iat` and `exp` (seconds since the
/// epoch).
///
/// Verification trusts nothing in the token before the signature checks out:
/// exactly three base64url segments (strictly decoded), a header whose `alg`
/// is exactly `HS256` (so `none`, HS384/HS512, RS*/ES* are refused before any
/// key is used), an HMAC compared in constant time, then Poco's own
/// verification restricted to HS256 as a second gate, then the claims
/// (`exp` in the future, `iat` and `sub` present). Thread-safe: immutable.
///
/// Secret rotation: tokens are always signed with the current secret; an
/// optional previous secret is accepted for verification only, so hosts can
/// move to a new secret one at a time without logging everyone out (drop the
/// previous secret once the token lifetime has passed).

#include <Poco/Crypto/OpenSSLInitializer.h>
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

private:
    /// Keeps OpenSSL initialised while tokens are made and checked. Every
    /// Poco::JWT signer holds a Poco::Crypto engine whose constructor and
    /// destructor count OpenSSL users; without a long-lived holder the count
    /// drops to zero after each call, so every token pays a full OpenSSL
    /// set-up and tear-down, and two threads crossing zero at once corrupt
    /// Poco 1.11's lock table (a crash under concurrent requests).
    Poco::Crypto::OpenSSLInitializer openSsl_;
    std::string secret_;
    std::string previousSecret_;
    std::chrono::seconds lifetime_;

    bool headerIsHs256(const std::string& encodedHeader) const;
    /// The secret (current, then previous) whose HMAC of `signingInput` is
    /// the presented signature; nullptr when none is.
    const std::string* signingSecret(const std::string& signingInput, const std::string& encodedSignature) const;
};

} // namespace motel::auth
