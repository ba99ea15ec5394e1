#pragma once
/// The account operations behind `/api/users`: list, read, create, update and
/// deactivate, each in one transaction, with its audit line and its
/// `user.created|updated|deleted` event published after commit.
///
/// DELETE deactivates (sets `active` false) instead of removing the row:
/// tasks keep pointing at their creator and assignee, the email stays taken,
/// and the user's tokens stop working at once on this host (the `user.updated`
/// / `user.deleted` events published here drop the user from the
/// authenticator's UserCache; other hosts follow within its TTL). An admin
/// may reactivate with PATCH `active:true`.
/// The last active admin can be neither deactivated nor demoted (409), so the
/// system never locks itself out.
///
/// A password change or a deactivation bumps the user's token version, so
/// every token issued before stops working (and stays dead after a later
/// reactivation).

#include "AuditLog.h"
#include "PasswordHasher.h"
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
    UserService(sdk::Database& database, sdk::EventBus& events, const PasswordHasher& hasher, AuditLog& audit);

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
    /// Deactivates; idempotent. Throws NotFound, Conflict (last active admin).
    void deactivate(std::int64_t id, const Actor& actor);

    static constexpr const char* kEmailTaken = "Email already in use";
    static constexpr const char* kLastAdmin = "At least one active admin must remain";

private:
    sdk::Database& database_;
    sdk::EventBus& events_;
    const PasswordHasher& hasher_;
    AuditLog& audit_;

    static void ensureAdminRemains(UserRepository& users, const User& before, const User& after);
    void publishAfterCommit(sdk::SqlSession& session, const std::string& topic, Poco::JSON::Object::Ptr payload);
};

} // namespace motel::auth
