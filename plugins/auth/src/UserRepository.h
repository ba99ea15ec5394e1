#pragma once
/// SQL for the `users` table, on one sdk::SqlSession (so callers choose the
/// transaction). Portable between SQLite and PostgreSQL: `$n` placeholders,
/// TEXT timestamps, INTEGER booleans, and `email_lower`, a lower-cased copy
/// of the email under a UNIQUE index, for case-insensitive uniqueness.
/// Deleted users (`deleted_at` set) are invisible to every read here.

#include "User.h"

#include <motel/sdk/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::auth {

/// Filters and page of `GET /api/users`.
struct UserListQuery {
    std::optional<std::string> role;
    std::optional<bool> active;
    std::string sortColumn = "id"; ///< a column name from UserRepository::sortColumnFor()
    bool descending = false;
    std::int64_t limit = 50;
    std::int64_t offset = 0;
};

/// A row to insert; `passwordHash` is already hashed.
struct UserRecord {
    std::string email;
    std::string name;
    std::string role;
    bool active = true;
    std::string passwordHash;
};

class UserRepository {
public:
    explicit UserRepository(sdk::SqlSession& session) : session_(session) {}

    std::optional<User> findById(std::int64_t id);
    /// Case-insensitive.
    std::optional<User> findByEmail(const std::string& email);
    std::vector<User> list(const UserListQuery& query);
    std::int64_t count(const UserListQuery& query);
    bool isEmpty();
    std::int64_t countActiveAdmins();

    /// Inserts and returns the stored user. Throws sdk::UniqueViolation when
    /// the email is taken.
    User insert(const UserRecord& record, const std::string& now);
    /// Inserts unless the email is taken (ON CONFLICT DO NOTHING); the stored
    /// user, or nullopt when another row already had the email.
    std::optional<User> insertIfAbsent(const UserRecord& record, const std::string& now);
    /// Writes every field of `user` (and `email_lower`, `token_version`) with `updated_at`.
    void update(const User& user);
    /// Marks a user deleted at `now`: inactive, token version bumped, and its
    /// `email_lower` replaced by `#deleted:<id>` (never an email) so the email
    /// can be used again. Every read of this class skips deleted users.
    void markDeleted(std::int64_t id, const std::string& now);

    /// The column for a client sort field (`id`, `email`, `name`, `createdAt`);
    /// empty for anything else.
    static std::string sortColumnFor(const std::string& field);

private:
    sdk::SqlSession& session_;
    static std::string whereClause(const UserListQuery& query, sdk::SqlParams& params);
};

} // namespace motel::auth
