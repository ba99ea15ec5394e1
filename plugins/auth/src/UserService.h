#pragma once
/// The account operations behind `/api/users` and `POST /api/auth/password`:
/// list, read, create, update, change one's own password and delete, each in
/// one transaction, with its audit line and its `user.created|updated`
/// event published after commit.
///
/// Changes that end sessions are also written to `auth_revocations` through
/// RevocationFeed (in the same transaction), which publishes their event on
/// every host: `user.deactivated`, `user.roleChanged`, `user.passwordChanged`,
/// `user.deleted`. Without a feed (unit tests) those events are published on
/// this host only.
///
/// DELETE marks the row deleted (`deleted_at`) instead of removing it: tasks,
/// suite history and the audit log keep pointing at its id, but for the API
/// the user is gone (404, not listed, cannot log in, tokens refused) and its
/// email may be used by a new account. The last active admin can be neither
/// deactivated, deleted nor demoted (409), so the system never locks itself
/// out.
///
/// A password change, a deactivation or a deletion bumps the user's token
/// version, so every token issued before stops working (and stays dead after
/// a later reactivation). Every new password passes PasswordPolicy.

#include "AuditLog.h"
#include "LoginRateLimiter.h"
#include "PasswordHasher.h"
#include "PasswordPolicy.h"
#include "RevocationFeed.h"
#include "User.h"
#include "UserInput.h"
#include "UserRepository.h"

#include <motel/sdk/Database.h>
#include <motel/sdk/Events.h>

#include <cstdint>
#include <vector>

namespace motel::auth {

class UserService {
public:
    /// `policy` null: only the length rule applies; `feed` null: session-ending
    /// events stay on this host (unit tests).
    UserService(sdk::Database& database, sdk::EventBus& events, const PasswordHasher& hasher, AuditLog& audit,
                const PasswordPolicy* policy = nullptr, RevocationFeed* feed = nullptr);

    /// The page and the total number of matching users.
    std::pair<std::vector<User>, std::int64_t> list(const UserListQuery& query);
    /// Throws sdk::NotFound (`User <id> not found`).
    User get(std::int64_t id);
    /// Case-insensitive. Throws sdk::NotFound (`User <email> not found`).
    User getByEmail(const std::string& email);
    /// Throws sdk::Conflict (`Email already in use`) for a taken email.
    User create(const NewUser& input, const Actor& actor);
    /// Throws NotFound, Conflict (taken email, last active admin).
    User update(std::int64_t id, const UserChanges& changes, const Actor& actor);
    /// Marks the user deleted. Throws NotFound (also for a user already
    /// deleted), Conflict (last active admin).
    void remove(std::int64_t id, const Actor& actor);
    /// The caller's own password: `currentPassword` must match (a wrong one is
    /// counted by `limiter` like a failed login and answered 403), then the
    /// new one replaces it and every earlier token is revoked. Throws
    /// Forbidden, TooManyRequests, ValidationError (policy), NotFound.
    void changeOwnPassword(std::int64_t id, const PasswordChange& change, const Actor& actor,
                           LoginRateLimiter& limiter);

    static constexpr const char* kEmailTaken = "Email already in use";
    static constexpr const char* kLastAdmin = "At least one active admin must remain";
    static constexpr const char* kWrongCurrentPassword = "currentPassword is incorrect";

private:
    sdk::Database& database_;
    sdk::EventBus& events_;
    const PasswordHasher& hasher_;
    AuditLog& audit_;
    const PasswordPolicy* policy_;
    RevocationFeed* feed_;

    static void ensureAdminRemains(UserRepository& users, const User& before, const User& after);
    void publishAfterCommit(sdk::SqlSession& session, const std::string& topic, Poco::JSON::Object::Ptr payload);
    /// A session-ending change of user `id`: to every host through the feed.
    void announce(sdk::SqlSession& session, const char* topic, std::int64_t id);
    void checkPolicy(const std::string& field, const std::string& password) const;
};

} // namespace motel::auth
