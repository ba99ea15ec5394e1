#include "LoginService.h"

#include "UserRepository.h"

#include <motel/sdk/Errors.h>

#include <optional>

namespace motel::auth {

LoginService::LoginService(sdk::Database& database, const PasswordHasher& hasher, const TokenService& tokens,
                           LoginRateLimiter& limiter, AuditLog& audit)
    : database_(database), hasher_(hasher), tokens_(tokens), limiter_(limiter), audit_(audit) {}

LoginResult LoginService::login(const Credentials& credentials, const Actor& actor) {
    const std::string email = UserInput::normalisedEmail(credentials.email);
    if (const auto retryAfter = limiter_.admit(actor.address, email)) {
        audit_.record("login.lockout", actor, std::nullopt, {{"email", email}});
        throw sdk::TooManyRequests(kTooManyAttempts, *retryAfter);
    }

    std::optional<User> user;
    database_.withSession([&](sdk::SqlSession& session) { user = UserRepository(session).findByEmail(email); });

    const bool passwordOk = user ? hasher_.verify(user->passwordHash, credentials.password)
                                 : hasher_.verifyUnknownUser(credentials.password);
    if (!passwordOk || !user->active) {
        const char* reason = !user ? "unknown email" : !passwordOk ? "wrong password" : "inactive user";
        audit_.record("login.failure", actor, user ? std::optional<std::int64_t>(user->id) : std::nullopt,
                      {{"email", email}, {"reason", reason}});
        throw sdk::Unauthorized(kInvalidCredentials);
    }

    limiter_.succeeded(actor.address, email);
    upgradeHashIfNeeded(*user, credentials.password);
    LoginResult result{tokens_.issue(user->id, user->role), *user};
    Actor self = actor;
    self.id = user->id;
    audit_.record("login.success", self, user->id);
    return result;
}

void LoginService::upgradeHashIfNeeded(const User& user, const std::string& password) {
    if (!hasher_.needsRehash(user.passwordHash)) return;
    const std::string fresh = hasher_.hash(password);
    // Only replace the hash that was verified; a concurrent password change wins.
    database_.withSession([&](sdk::SqlSession& session) {
        session.execute("UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3",
                        {fresh, static_cast<Poco::Int64>(user.id), user.passwordHash});
    });
}

} // namespace motel::auth
