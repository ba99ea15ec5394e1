#include "AdminBootstrap.h"

#include "UserInput.h"

#include <motel/sdk/Settings.h>
#include <motel/sdk/Time.h>

namespace motel::auth {

AdminBootstrap::AdminBootstrap(sdk::Database& database, const PasswordHasher& hasher, const PasswordPolicy* policy)
    : database_(database), hasher_(hasher), policy_(policy) {}

bool AdminBootstrap::hasUsers() {
    bool any = false;
    database_.withSession([&](sdk::SqlSession& session) { any = !UserRepository(session).isEmpty(); });
    return any;
}

std::optional<User> AdminBootstrap::run(const std::string& email, const std::string& password,
                                        const std::string& name) {
    const std::string trimmed = UserInput::trimmedEmail(email);
    if (!UserInput::isEmail(trimmed))
        throw sdk::ConfigError("MOTEL_ADMIN_EMAIL=" + email + ": expected an email address");
    // The usual restart: skip the slow hash, and the password rules, which
    // may have grown stricter since that admin was made.
    if (hasUsers()) return std::nullopt;
    if (UserInput::characterCount(password) < UserInput::kMinPasswordLength)
        throw sdk::ConfigError("MOTEL_ADMIN_PASSWORD is too short: expected at least " +
                               std::to_string(UserInput::kMinPasswordLength) + " characters");
    if (policy_ && !policy_->problems("MOTEL_ADMIN_PASSWORD", password).empty())
        throw sdk::ConfigError("MOTEL_ADMIN_PASSWORD is too common: choose one that is not on a list of frequently "
                               "used passwords");

    return insertFirstAdmin(UserRecord{trimmed, name, "admin", true, hasher_.hash(password)});
}

std::optional<User> AdminBootstrap::insertFirstAdmin(const UserRecord& record) {
    std::optional<User> created;
    try {
        database_.transaction([&](sdk::SqlSession& session) {
            UserRepository users(session);
            const std::string now = sdk::nowTimestamp();
            if (session.execute("INSERT INTO auth_bootstrap (step, done_at) VALUES ('first-admin', $1) "
                                "ON CONFLICT (step) DO NOTHING",
                                {now}) == 0)
                return; // another host (or an earlier run) did it
            if (!users.isEmpty()) return;
            created = users.insertIfAbsent(record, now);
        });
    } catch (const sdk::UniqueViolation&) {
        return std::nullopt; // lost the race on the marker row: the winner created the admin
    }
    return created;
}

} // namespace motel::auth
