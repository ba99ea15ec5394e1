#pragma once
/// `POST /api/auth/login`: throttle, look up, verify, issue a token.
///
/// The answer to a wrong password, an unknown email and a deactivated account
/// is the same 401 (`Invalid email or password`) after the same work: an
/// unknown email is checked against a dummy hash, and the `active` flag is
/// looked at only after the password was verified. Every outcome is audited,
/// in the log and in `audit_log`.

#include "AuditLog.h"
#include "LoginRateLimiter.h"
#include "PasswordHasher.h"
#include "TokenService.h"
#include "User.h"
#include "UserInput.h"

#include <motel/sdk/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motel::auth {

struct LoginResult {
    std::string accessToken;
    User user;
};

class LoginService {
public:
    LoginService(sdk::Database& database, const PasswordHasher& hasher, const TokenService& tokens,
                 LoginRateLimiter& limiter, AuditLog& audit);

    /// Throws sdk::Unauthorized (kInvalidCredentials) or sdk::TooManyRequests.
    LoginResult login(const Credentials& credentials, const Actor& actor);

    static constexpr const char* kInvalidCredentials = "Invalid email or password";
    static constexpr const char* kTooManyAttempts = "Too many login attempts, please try again later";

private:
    sdk::Database& database_;
    const PasswordHasher& hasher_;
    const TokenService& tokens_;
    LoginRateLimiter& limiter_;
    AuditLog& audit_;

    void upgradeHashIfNeeded(const User& user, const std::string& password);
    /// The log line and the `audit_log` row of one login outcome
    /// (`login.success|login.failure|login.locked`, entity `auth`, actor =
    /// the account when known, detail = the lower-cased email).
    void audit(const char* action, int status, const Actor& actor, std::optional<std::int64_t> userId,
               const std::string& email, const std::vector<std::pair<std::string, std::string>>& details);
};

} // namespace motel::auth
