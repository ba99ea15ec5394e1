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
    };
}

} // namespace motel::auth
