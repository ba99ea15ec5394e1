#pragma once
/// Creates the first admin from `MOTEL_ADMIN_EMAIL` / `MOTEL_ADMIN_PASSWORD`
/// when the users table is empty, so a fresh installation can be logged into.
///
/// Idempotent across restarts (a non-empty table is left alone) and across
/// hosts starting at once on one database: inside one transaction the host
/// claims the `first-admin` row of `auth_bootstrap` (INSERT ... ON CONFLICT
/// DO NOTHING; a second host blocks on the first one's row and then inserts
/// nothing) and only the claimant inserts the admin; the unique email index
/// is the last line of defence.

#include "PasswordHasher.h"
#include "PasswordPolicy.h"
#include "User.h"
#include "UserRepository.h"

#include <motel/sdk/Database.h>

#include <optional>
#include <string>

namespace motel::auth {

class AdminBootstrap {
public:
    /// `policy` null: only the length rule applies.
    AdminBootstrap(sdk::Database& database, const PasswordHasher& hasher, const PasswordPolicy* policy = nullptr);

    /// The admin this call created; nullopt when the table already had users
    /// or another host created the first admin. Throws sdk::ConfigError for an
    /// invalid email or a password shorter than 8 characters.
    std::optional<User> run(const std::string& email, const std::string& password,
                            const std::string& name = "Administrator");

    /// The race-safe part of run(): inserts `record` (already hashed) as the
    /// first admin unless the table has users or another host claimed the
    /// step. Returns the user when this call created it.
    std::optional<User> insertFirstAdmin(const UserRecord& record);

private:
    sdk::Database& database_;
    const PasswordHasher& hasher_;
    const PasswordPolicy* policy_;

    bool hasUsers();
};

} // namespace motel::auth
