#include "UserRepository.h"

#include "UserInput.h"

namespace motel::auth {

namespace {

std::optional<User> first(const sdk::ResultSet& rows) {
    if (rows.empty()) return std::nullopt;
    return User::fromRow(rows.front());
}

sdk::SqlParams insertParams(const UserRecord& record, const std::string& now) {
    return {record.email,
            UserInput::normalisedEmail(record.email),
            record.name,
            record.role,
            static_cast<Poco::Int64>(record.active ? 1 : 0),
            record.passwordHash,
            now,
            now};
}

const char* kInsert = "INSERT INTO users (email, email_lower, name, role, active, password_hash, created_at, "
                      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

} // namespace

std::optional<User> UserRepository::findById(std::int64_t id) {
    return first(
        session_.query(std::string("SELECT ") + User::columns() + " FROM users WHERE id = $1 AND deleted_at IS NULL",
                       {static_cast<Poco::Int64>(id)}));
}

std::optional<User> UserRepository::findByEmail(const std::string& email) {
    return first(session_.query(std::string("SELECT ") + User::columns() +
                                    " FROM users WHERE email_lower = $1 AND deleted_at IS NULL",
                                {UserInput::normalisedEmail(email)}));
}

std::string UserRepository::whereClause(const UserListQuery& query, sdk::SqlParams& params) {
    std::string where = " WHERE deleted_at IS NULL";
    auto add = [&](const std::string& condition, sdk::SqlValue value) {
        params.push_back(std::move(value));
        where += " AND " + condition + " = $" + std::to_string(params.size());
    };
    if (query.role) add("role", *query.role);
    if (query.active) add("active", static_cast<Poco::Int64>(*query.active ? 1 : 0));
    return where;
}

std::vector<User> UserRepository::list(const UserListQuery& query) {
    sdk::SqlParams params;
    std::string sql = std::string("SELECT ") + User::columns() + " FROM users" + whereClause(query, params);
    const std::string direction = query.descending ? " DESC" : " ASC";
    sql += " ORDER BY " + query.sortColumn + direction;
    if (query.sortColumn != "id") sql += ", id" + direction;
    params.push_back(static_cast<Poco::Int64>(query.limit));
    sql += " LIMIT $" + std::to_string(params.size());
    params.push_back(static_cast<Poco::Int64>(query.offset));
    sql += " OFFSET $" + std::to_string(params.size());

    std::vector<User> users;
    for (const auto& row : session_.query(sql, params)) users.push_back(User::fromRow(row));
    return users;
}

std::int64_t UserRepository::count(const UserListQuery& query) {
    sdk::SqlParams params;
    const std::string sql = "SELECT COUNT(*) AS n FROM users" + whereClause(query, params);
    return session_.query(sql, params).front().integer("n");
}

bool UserRepository::isEmpty() {
    return session_.query("SELECT COUNT(*) AS n FROM users").front().integer("n") == 0;
}

std::int64_t UserRepository::countActiveAdmins() {
    return session_.query("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1 AND deleted_at IS NULL")
        .front()
        .integer("n");
}

User UserRepository::insert(const UserRecord& record, const std::string& now) {
    const auto rows = session_.query(std::string(kInsert) + " RETURNING id", insertParams(record, now));
    return *findById(rows.front().integer("id"));
}

std::optional<User> UserRepository::insertIfAbsent(const UserRecord& record, const std::string& now) {
    const auto rows = session_.query(std::string(kInsert) + " ON CONFLICT (email_lower) DO NOTHING RETURNING id",
                                     insertParams(record, now));
    if (rows.empty()) return std::nullopt;
    return findById(rows.front().integer("id"));
}

void UserRepository::update(const User& user) {
    session_.execute("UPDATE users SET email = $1, email_lower = $2, name = $3, role = $4, active = $5, "
                     "password_hash = $6, updated_at = $7, token_version = $8 WHERE id = $9",
                     {user.email, UserInput::normalisedEmail(user.email), user.name, user.role,
                      static_cast<Poco::Int64>(user.active ? 1 : 0), user.passwordHash, user.updatedAt,
                      static_cast<Poco::Int64>(user.tokenVersion), static_cast<Poco::Int64>(user.id)});
}

void UserRepository::markDeleted(std::int64_t id, const std::string& now) {
    session_.execute("UPDATE users SET deleted_at = $1, updated_at = $1, active = 0, email_lower = $2, "
                     "token_version = token_version + 1 WHERE id = $3 AND deleted_at IS NULL",
                     {now, "#deleted:" + std::to_string(id), static_cast<Poco::Int64>(id)});
}

std::string UserRepository::sortColumnFor(const std::string& field) {
    if (field == "id") return "id";
    if (field == "email") return "email_lower";
    if (field == "name") return "name";
    if (field == "createdAt") return "created_at";
    return "";
}

} // namespace motel::auth
