#include "LoginService.h"

#include "UserRepository.h"

#include <motel/sdk/Errors.h>
#include <motel/sdk/Time.h>

#include <optional>

namespace motel::auth {

LoginService::LoginService(sdk::Database& database, const PasswordHasher& hasher, const TokenService& tokens,
                           LoginRateLimiter& limiter, AuditLog& audit)
    : database_(database), hasher_(hasher), tokens_(tokens), limiter_(limiter), audit_(audit) {}

LoginResult LoginService::login(const Credentials& credentials, const Actor& actor) {
    const std::string email = UserInput::normalisedEmail(credentials.email);
    if (const auto retryAfter = limiter_.admit(actor.address, email)) {
        audit("login.locked", 429, actor, std::nullopt, email, {{"email", email}});
        throw sdk::TooManyRequests(kTooManyAttempts, *retryAfter);
    }

    std::optional<User> user;
    database_.withSession([&](sdk::SqlSession& session) { user = UserRepository(session).findByEmail(email); });

    const bool passwordOk = user ? hasher_.verify(user->passwordHash, credentials.password)
                                 : hasher_.verifyUnknownUser(credentials.password);
    if (!passwordOk || !user->active) {
        const char* reason = !user ? "unknown email" : !passwordOk ? "wrong password" : "inactive user";
        audit("login.failure", 401, actor, user ? std::optional<std::int64_t>(user->id) : std::nullopt, email,
              {{"email", email}, {"reason", reason}});
        throw sdk::Unauthorized(kInvalidCredentials);
    }

    limiter_.succeeded(actor.address, email);
    upgradeHashIfNeeded(*user, credentials.password);
    LoginResult result{tokens_.issue(user->id, user->role, user->tokenVersion), *user};
    Actor self = actor;
    self.id = user->id;
    audit("login.success", 200, self, user->id, email, {});
    return result;
}

void LoginService::audit(const char* action, int status, const Actor& actor, std::optional<std::int64_t> userId,
                         const std::string& email, const std::vector<std::pair<std::string, std::string>>& details) {
    audit_.record(action, actor, userId, details);
    AuditEntry entry;
    entry.at = sdk::nowTimestamp();
    entry.actorId = userId;
    entry.action = action;
    entry.entity = "auth";
    entry.entityId = userId ? std::to_string(*userId) : std::string();
    entry.status = status;
    entry.clientAddress = actor.address;
    entry.requestId = actor.requestId;
    entry.detail = email; // the lower-cased email tried; the reason stays in the log line
    audit_.store(std::move(entry));
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
