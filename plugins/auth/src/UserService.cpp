#include "UserService.h"

#include <motel/sdk/Errors.h>
#include <motel/sdk/Time.h>

#include <optional>

namespace motel::auth {

namespace {

sdk::NotFound userNotFound(std::int64_t id) {
    return sdk::NotFound("User " + std::to_string(id) + " not found");
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

} // namespace

UserService::UserService(sdk::Database& database, sdk::EventBus& events, const PasswordHasher& hasher, AuditLog& audit,
                         const PasswordPolicy* policy, RevocationFeed* feed)
    : database_(database), events_(events), hasher_(hasher), audit_(audit), policy_(policy), feed_(feed) {}

void UserService::announce(sdk::SqlSession& session, const char* topic, std::int64_t id) {
    if (feed_) {
        Revocation revocation;
        revocation.topic = topic;
        revocation.userId = id;
        feed_->announce(session, std::move(revocation));
        return;
    }
    Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
    payload->set("id", static_cast<Poco::Int64>(id));
    publishAfterCommit(session, topic, payload);
}

void UserService::checkPolicy(const std::string& field, const std::string& password) const {
    if (policy_) policy_->check(field, password);
}

void UserService::publishAfterCommit(sdk::SqlSession& session, const std::string& topic,
                                     Poco::JSON::Object::Ptr payload) {
    session.afterCommit([this, topic, payload] { events_.publish(topic, payload); });
}

std::pair<std::vector<User>, std::int64_t> UserService::list(const UserListQuery& query) {
    std::pair<std::vector<User>, std::int64_t> result;
    database_.withSession([&](sdk::SqlSession& session) {
        UserRepository users(session);
        result.second = users.count(query);
        result.first = users.list(query);
    });
    return result;
}

User UserService::get(std::int64_t id) {
    std::optional<User> user;
    database_.withSession([&](sdk::SqlSession& session) { user = UserRepository(session).findById(id); });
    if (!user) throw userNotFound(id);
    return *user;
}

User UserService::getByEmail(const std::string& email) {
    std::optional<User> user;
    database_.withSession([&](sdk::SqlSession& session) { user = UserRepository(session).findByEmail(email); });
    if (!user) throw sdk::NotFound("User " + UserInput::normalisedEmail(email) + " not found");
    return *user;
}

User UserService::create(const NewUser& input, const Actor& actor) {
    checkPolicy("password", input.password);
    // Hash outside the transaction: it is slow and needs no database.
    const UserRecord record{input.email, input.name, input.role, true, hasher_.hash(input.password)};
    std::optional<User> created;
    try {
        database_.transaction([&](sdk::SqlSession& session) {
            UserRepository users(session);
            if (users.findByEmail(record.email)) throw sdk::Conflict(kEmailTaken);
            created = users.insert(record, sdk::nowTimestamp());
            publishAfterCommit(session, "user.created", created->toJson());
        });
    } catch (const sdk::UniqueViolation&) { // a concurrent create won the race
        throw sdk::Conflict(kEmailTaken);
    }
    audit_.record("user.create", actor, created->id, {{"role", created->role}});
    return *created;
}

void UserService::ensureAdminRemains(UserRepository& users, const User& before, const User& after) {
    const bool wasActiveAdmin = before.active && before.role == "admin";
    const bool isActiveAdmin = after.active && after.role == "admin";
    if (wasActiveAdmin && !isActiveAdmin && users.countActiveAdmins() <= 1) throw sdk::Conflict(kLastAdmin);
}

User UserService::update(std::int64_t id, const UserChanges& changes, const Actor& actor) {
    std::optional<std::string> newHash;
    if (changes.password) {
        checkPolicy("password", *changes.password);
        newHash = hasher_.hash(*changes.password);
    }

    std::optional<User> updated;
    std::vector<std::string> changedFields;
    try {
        database_.transaction([&](sdk::SqlSession& session) {
            UserRepository users(session);
            const auto before = users.findById(id);
            if (!before) throw userNotFound(id);
            User after = *before;
            if (changes.email && *changes.email != before->email) {
                if (UserInput::normalisedEmail(*changes.email) != UserInput::normalisedEmail(before->email)) {
                    if (users.findByEmail(*changes.email)) throw sdk::Conflict(kEmailTaken);
                }
                after.email = *changes.email;
                changedFields.push_back("email");
            }
            if (changes.name && *changes.name != before->name) {
                after.name = *changes.name;
                changedFields.push_back("name");
            }
            if (changes.role && *changes.role != before->role) {
                after.role = *changes.role;
                changedFields.push_back("role");
            }
            if (changes.active && *changes.active != before->active) {
                after.active = *changes.active;
                changedFields.push_back("active");
            }
            if (newHash) {
                after.passwordHash = *newHash;
                changedFields.push_back("password");
            }
            if (changedFields.empty()) {
                updated = after;
                return;
            }
            ensureAdminRemains(users, *before, after);
            if (newHash || (before->active && !after.active)) after.tokenVersion = before->tokenVersion + 1;
            after.updatedAt = sdk::nowTimestamp();
            users.update(after);
            updated = after;
            publishAfterCommit(session, "user.updated", after.toJson());
            if (before->active && !after.active) announce(session, Revocation::kDeactivated, id);
            if (before->role != after.role) announce(session, Revocation::kRoleChanged, id);
            if (newHash) announce(session, Revocation::kPasswordChanged, id);
        });
    } catch (const sdk::UniqueViolation&) {
        throw sdk::Conflict(kEmailTaken);
    }
    if (!changedFields.empty()) audit_.record("user.update", actor, id, {{"fields", join(changedFields)}});
    return *updated;
}

void UserService::remove(std::int64_t id, const Actor& actor) {
    database_.transaction([&](sdk::SqlSession& session) {
        UserRepository users(session);
        const auto before = users.findById(id);
        if (!before) throw userNotFound(id);
        User after = *before;
        after.active = false;
        ensureAdminRemains(users, *before, after);
        users.markDeleted(id, sdk::nowTimestamp());
        announce(session, Revocation::kDeleted, id);
    });
    audit_.record("user.delete", actor, id, {});
}

void UserService::changeOwnPassword(std::int64_t id, const PasswordChange& change, const Actor& actor,
                                    LoginRateLimiter& limiter) {
    const User user = get(id);
    const std::string email = UserInput::normalisedEmail(user.email);
    if (const auto retryAfter = limiter.admit(actor.address, email)) {
        audit_.record("password.change", actor, id, {{"result", "throttled"}});
        throw sdk::TooManyRequests("Too many attempts, please try again later", *retryAfter);
    }
    if (!hasher_.verify(user.passwordHash, change.currentPassword)) {
        audit_.record("password.change", actor, id, {{"result", "wrong current password"}});
        throw sdk::Forbidden(kWrongCurrentPassword);
    }
    limiter.succeeded(actor.address, email);
    checkPolicy("newPassword", change.newPassword);
    UserChanges changes;
    changes.password = change.newPassword;
    update(id, changes, actor);
}

} // namespace motel::auth
