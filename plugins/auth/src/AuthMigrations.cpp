#include "AuthMigrations.h"

namespace motel::auth {

std::vector<sdk::Migration> authMigrations() {
    return {
        {1, "create users",
         "CREATE TABLE users ("
         " id {{id}},"
         " email TEXT NOT NULL,"
         " email_lower TEXT NOT NULL,"
         " name TEXT NOT NULL,"
         " role TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('admin', 'manager', 'staff')),"
         " active INTEGER NOT NULL DEFAULT 1,"
         " password_hash TEXT NOT NULL,"
         " created_at TEXT NOT NULL,"
         " updated_at TEXT NOT NULL"
         ");"
         "CREATE UNIQUE INDEX users_email_lower_key ON users (email_lower);"
         "CREATE INDEX users_role_idx ON users (role)"},
        {2, "create auth_bootstrap",
         "CREATE TABLE auth_bootstrap ("
         " step TEXT NOT NULL PRIMARY KEY,"
         " done_at TEXT NOT NULL"
         ")"},
        // actor_id has no foreign key on purpose: the trail outlives accounts
        // and records anonymous callers. Each filter of GET /api/audit has an
        // index ending in `at`, the order the list is read in.
        {3, "create audit_log",
         "CREATE TABLE audit_log ("
         " id {{id}},"
         " at TEXT NOT NULL,"
         " actor_id {{bigint}},"
         " action TEXT NOT NULL,"
         " entity TEXT NOT NULL,"
         " entity_id TEXT NOT NULL DEFAULT '',"
         " status INTEGER,"
         " client_address TEXT NOT NULL DEFAULT '',"
         " request_id TEXT NOT NULL DEFAULT '',"
         " detail TEXT"
         ");"
         "CREATE INDEX audit_log_at_idx ON audit_log (at);"
         "CREATE INDEX audit_log_actor_at_idx ON audit_log (actor_id, at);"
         "CREATE INDEX audit_log_entity_at_idx ON audit_log (entity, at);"
         "CREATE INDEX audit_log_action_at_idx ON audit_log (action, at)"},
        // Bumped on a password change or a deactivation; a token whose `ver`
        // claim differs is refused, so those revoke every earlier token.
        {4, "add users.token_version", "ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0"},
        // Logouts and the user changes that end sessions, read by every host
        // (RevocationFeed); times are integers so every dialect compares them alike.
        {5, "create auth_revocations",
         "CREATE TABLE auth_revocations ("
         " id {{id}},"
         " topic TEXT NOT NULL,"
         " user_id {{bigint}} NOT NULL,"
         " token_id TEXT NOT NULL DEFAULT '',"
         " expires_at {{bigint}} NOT NULL,"
         " created_ms {{bigint}} NOT NULL,"
         " origin TEXT NOT NULL"
         ");"
         "CREATE INDEX auth_revocations_created_idx ON auth_revocations (created_ms);"
         "CREATE INDEX auth_revocations_expires_idx ON auth_revocations (expires_at)"},
        // A deleted user keeps its row (tasks, history and the audit log point
        // at its id) but is gone for the API; its email_lower is freed.
        {6, "add users.deleted_at", "ALTER TABLE users ADD COLUMN deleted_at TEXT"},
    };
}

} // namespace motel::auth
