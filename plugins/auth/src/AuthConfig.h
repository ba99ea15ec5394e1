#pragma once
/// The auth plugin's configuration, read once at start and validated there
/// (style habit 9): the JWT secret and lifetime from the host-wide keys, the
/// login throttle, hashing cost, audit retention and user cache from `plugins.auth.*`, the first admin from
/// the environment. Every bad value is collected: read() lists them (the
/// plugin's checkSettings(), before any migration), load() throws them as one
/// sdk::ConfigError naming each key.
///
/// Secret policy: with `motel.env=production` a missing secret, one shorter
/// than kMinimumSecretLength, or the example value shipped in
/// config/motel.properties.example is refused. In development a missing
/// secret is replaced by a random one (tokens then die on restart).

#include "PasswordHasher.h"

#include <motel/sdk/Settings.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace motel::auth {

/// The value config/motel.properties.example ships; never acceptable in production.
inline constexpr const char* kExampleSecret = "change-me-to-a-long-random-secret-of-at-least-64-characters-000000";
inline constexpr std::size_t kMinimumSecretLength = 64;
inline constexpr std::chrono::milliseconds kMaximumUserCacheTtl{5LL * 60 * 1000};

struct AuthConfig {
    std::string jwtSecret;
    /// `jwt.previousSecret` / JWT_PREVIOUS_SECRET: still accepted on tokens
    /// during a rotation, never used to sign (empty: none).
    std::string previousJwtSecret;
    bool secretGenerated = false; ///< true: random secret made at start
    std::chrono::seconds tokenLifetime{86400};
    std::int64_t loginMaxAttempts = 5;
    std::chrono::milliseconds loginWindow{60000};
    /// Password spraying: failed logins per client address across all emails.
    std::int64_t loginMaxFailuresPerAddress = 20;
    std::chrono::milliseconds loginAddressWindow{60000};
    /// Password hashes computed at once, and waiting for a slot; beyond both a
    /// login is refused at once (429), so hashing never holds every HTTP worker.
    int hashConcurrency = 2;
    int hashQueue = 4;
    /// How often every host reads `auth_revocations` (the fallback when no
    /// Redis signal arrives; the only path without Redis).
    std::chrono::milliseconds revocationPoll{500};
    /// `redis.url` (host-wide; empty: revocations travel by polling only).
    std::string redisUrl;
    /// The Redis channel of the revocation wake-up (`plugins.auth.revocationChannel`).
    std::string revocationChannel = "motel:auth:revocations";
    /// Lists of common passwords PasswordPolicy refuses (`plugins.auth.commonPasswordFiles`).
    std::vector<std::string> commonPasswordFiles;
    PasswordStrength passwordStrength = PasswordStrength::interactive;
    /// How long `audit_log` rows are kept (`plugins.auth.auditRetention`, at least 1h).
    std::chrono::milliseconds auditRetention{90LL * 24 * 3600 * 1000};
    /// How long the authenticator may reuse a user it read (`plugins.auth.userCacheTtl`,
    /// 0 = read on every request, at most kMaximumUserCacheTtl): the bound on how
    /// late another host sees a deactivation or role change (UserCache).
    std::chrono::milliseconds userCacheTtl{5000};
    std::string adminEmail;            ///< MOTEL_ADMIN_EMAIL (may be empty)
    std::string adminPassword;         ///< MOTEL_ADMIN_PASSWORD (may be empty)
    std::vector<std::string> warnings; ///< things start() should log
    std::vector<std::string> errors;   ///< every refused value (read() only; load() throws them)

    /// Reads an environment variable; empty when unset.
    using Environment = std::function<std::string(const std::string&)>;

    /// `host` holds the host-wide keys (`jwt.secret`, `jwt.expiresIn`), `plugin`
    /// the `plugins.auth.*` keys. `JWT_SECRET` / `JWT_EXPIRES_IN` from `env`
    /// are used when the host settings lack the key. Throws sdk::ConfigError.
    static AuthConfig load(const sdk::Settings& host, const sdk::Settings& plugin, bool production,
                           const Environment& env, unsigned cores = 2);
    /// load() with the process environment (Poco::Environment).
    static AuthConfig load(const sdk::Settings& host, const sdk::Settings& plugin, bool production);
    /// What load() reads, with every problem in `errors` instead of thrown:
    /// AuthPlugin::checkSettings() reports them all before any migration.
    static AuthConfig read(const sdk::Settings& host, const sdk::Settings& plugin, bool production,
                           const Environment& env, unsigned cores = 2);
    /// read() with the process environment.
    static AuthConfig read(const sdk::Settings& host, const sdk::Settings& plugin, bool production);
};

} // namespace motel::auth
