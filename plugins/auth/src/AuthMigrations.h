#pragma once
/// The auth plugin's schema steps (applied by the host in version order;
/// never edit an applied one, add a new step instead).
///
/// `users`: one row per account, `email_lower` UNIQUE for case-insensitive
/// uniqueness. `auth_bootstrap`: one row per one-time setup step (the first
/// admin), so two hosts starting at once on one database agree on who did it.
/// `audit_log`: the audit trail (API mutations, logins, operator commands).
/// `users.token_version`: the `ver` claim a token must carry to be accepted.

#include <motel/sdk/Database.h>

#include <vector>

namespace motel::auth {

std::vector<sdk::Migration> authMigrations();

} // namespace motel::auth
