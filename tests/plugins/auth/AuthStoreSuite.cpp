#include "AuthStoreSuite.h"

#include "AdminBootstrap.h"
#include "AuditLog.h"
#include "AuditRepository.h"
#include "AuditRetention.h"
#include "AuditWriter.h"
#include "AuthMigrations.h"
#include "JwtAuthenticator.h"
#include "LoginRateLimiter.h"
#include "LoginService.h"
#include "PasswordPolicy.h"
#include "RevocationFeed.h"
#include "RevocationRepository.h"
#include "UserCache.h"
#include "UserCommand.h"
#include "UserService.h"

#include "db/MigrationRunner.h"
#include "services/InProcessEventBus.h"

#include <motel/sdk/Errors.h>
#include <motel/sdk/Settings.h>
#include <motel/sdk/Time.h>

#include <Poco/File.h>
#include <Poco/Logger.h>

#include <algorithm>
#include <future>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace motel::auth {

namespace {

Poco::Logger& testLogger() {
    Poco::Logger& logger = Poco::Logger::get("motel.auth.test");
    logger.setLevel(Poco::Message::PRIO_ERROR); // keep the audit lines out of the test output
    return logger;
}

PasswordHasher& hasher() {
    static PasswordHasher instance(PasswordStrength::interactive, 4);
    return instance;
}

/// Records what was published.
class RecordingEventBus : public sdk::EventBus {
public:
    void publish(const std::string& topic, const Poco::Dynamic::Var&) override {
        std::lock_guard<std::mutex> lock(mutex_);
        topics.push_back(topic);
    }
    SubscriptionId subscribe(const std::string&, Subscriber) override { return 0; }
    void unsubscribe(SubscriptionId) override {}
    std::vector<std::string> topics;

private:
    std::mutex mutex_;
};

/// Enough of sdk::Cache for the login throttle (no expiry needed here).
class CountingCache : public sdk::Cache {
public:
    std::optional<std::string> get(const std::string&) override { return std::nullopt; }
    void set(const std::string&, const std::string&, std::chrono::milliseconds) override {}
    void remove(const std::string& key) override { counts_.erase(key); }
    std::int64_t increment(const std::string& key, std::chrono::milliseconds, std::int64_t by) override {
        return counts_[key] += by;
    }
    std::optional<std::chrono::milliseconds> ttl(const std::string&) override { return std::chrono::seconds(60); }

private:
    std::map<std::string, std::int64_t> counts_;
};

std::int64_t userCount(sdk::Database& database) {
    std::int64_t count = 0;
    database.withSession([&](sdk::SqlSession& session) {
        count = session.query("SELECT COUNT(*) AS n FROM users").front().integer("n");
    });
    return count;
}

/// Runs `work(i)` on `threads` threads released at the same moment.
template <class Work> void simultaneously(int threads, Work work) {
    std::promise<void> start;
    std::shared_future<void> go = start.get_future().share();
    std::vector<std::future<void>> running;
    for (int i = 0; i < threads; ++i)
        running.push_back(std::async(std::launch::async, [go, i, &work] {
            go.wait();
            work(i);
        }));
    start.set_value();
    for (auto& r : running) r.get();
}

const Actor kTestActor{1, "127.0.0.1", "test"};

void deactivate(UserService& users, std::int64_t id) {
    UserChanges off;
    off.active = false;
    users.update(id, off, kTestActor);
}

std::vector<AuditEntry> auditRows(sdk::Database& database, AuditQuery query = {}) {
    std::vector<AuditEntry> rows;
    query.limit = 200;
    database.withSession([&](sdk::SqlSession& session) { rows = AuditRepository(session).list(query); });
    return rows;
}

AuditEntry auditEntry(const std::string& at, std::optional<std::int64_t> actor, const std::string& action,
                      const std::string& entity) {
    AuditEntry entry;
    entry.at = at;
    entry.actorId = actor;
    entry.action = action;
    entry.entity = entity;
    entry.status = 200;
    entry.clientAddress = "10.0.0.1";
    return entry;
}

/// `motel-host user <args>` with `input` on standard input; the exit code and what it printed.
std::pair<int, std::string> userCommand(UserService& users, AuditLog& audit, std::vector<std::string> args,
                                        const std::string& input = "") {
    std::istringstream in(input);
    std::ostringstream out;
    const int code = UserCommand(users, audit).run(args, in, out);
    return {code, out.str()};
}

/// The account services as the plugin wires them on one database: users,
/// tokens, an authenticator without a user cache, and logins throttled after
/// `loginLimit` failures a minute.
struct Accounts {
    /// `writer` (may be null) stores the audit trail; it outlives the accounts.
    Accounts(sdk::Database& database, std::int64_t loginLimit = 100, const PasswordPolicy* policy = nullptr,
             AuditWriter* writer = nullptr)
        : audit(testLogger(), writer), users(database, events, hasher(), audit, policy),
          authenticator(tokens, database), limiter(cache, loginLimit, std::chrono::minutes(1)),
          login(database, hasher(), *tokens, limiter, audit) {}

    RecordingEventBus events;
    AuditLog audit;
    UserService users;
    std::shared_ptr<const TokenService> tokens =
        std::make_shared<const TokenService>(std::string(64, 't'), std::chrono::hours(1));
    JwtAuthenticator authenticator;
    CountingCache cache;
    LoginRateLimiter limiter;
    LoginService login;
};

} // namespace

std::unique_ptr<host::SqlDatabase> AuthStoreSuite::open(const std::string& url) {
    return std::make_unique<host::SqlDatabase>(host::DatabaseUrl::parse(url), host::SqlDatabaseOptions{}, testLogger());
}

void AuthStoreSuite::setUp() {
    url_ = freshDatabaseUrl();
    database_ = open(url_);
    host::MigrationRunner(*database_, testLogger()).apply({{"auth", authMigrations()}});
}

void AuthStoreSuite::tearDown() {
    database_.reset();
    for (const auto& dir : scratchDirs_) {
        try {
            Poco::File(dir).remove(true);
        } catch (...) {
        }
    }
    scratchDirs_.clear();
}

void AuthStoreSuite::simultaneousBootstrapsCreateOneAdmin() {
    // Two "hosts" (pools), several starters each, different admin emails (the
    // unique email index alone could not stop two admins here), released
    // together with the hash already made so they meet inside the database.
    const std::string hash = hasher().hash("first-password");
    for (int round = 0; round < 3; ++round) {
        if (round > 0) setUp(); // a fresh database for every round
        auto secondHost = open(url_);
        // Open the pools' connections first, so the starters meet in the database, not in connect().
        simultaneously(8, [&](int i) {
            (i % 2 ? *secondHost : *database_).withSession([](sdk::SqlSession& session) {
                session.query("SELECT COUNT(*) AS n FROM users");
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            });
        });
        std::atomic<int> created{0};
        simultaneously(8, [&](int i) {
            sdk::Database& database = i % 2 ? *secondHost : *database_;
            const UserRecord record{"admin" + std::to_string(i) + "@motel.test", "Admin", "admin", true, hash};
            if (AdminBootstrap(database, hasher()).insertFirstAdmin(record)) ++created;
        });
        CPPUNIT_ASSERT_EQUAL(1, created.load());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), userCount(*database_));
    }
    // The full path, as a restarting host takes it: nothing more.
    CPPUNIT_ASSERT(!AdminBootstrap(*database_, hasher()).run("late@motel.test", "first-password"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), userCount(*database_));
}

void AuthStoreSuite::bootstrapLeavesAPopulatedTableAlone() {
    // An empty table: the first admin's password must follow the rules.
    CPPUNIT_ASSERT_THROW((AdminBootstrap(*database_, hasher()).run("admin@motel.test", "short")), sdk::ConfigError);
    const PasswordPolicy policy({"winniethepooh"});
    CPPUNIT_ASSERT_THROW((AdminBootstrap(*database_, hasher(), &policy).run("admin@motel.test", "WinnieThePooh")),
                         sdk::ConfigError);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0), userCount(*database_));
    RecordingEventBus events;
    AuditLog audit(testLogger());
    UserService(*database_, events, hasher(), audit)
        .create({"staff@motel.test", "Staff", "staff-password", "staff"}, kTestActor);
    CPPUNIT_ASSERT(!AdminBootstrap(*database_, hasher()).run("admin@motel.test", "first-password"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), userCount(*database_));
    CPPUNIT_ASSERT_THROW((AdminBootstrap(*database_, hasher()).run("not an email", "first-password")),
                         sdk::ConfigError);
    // The password rules apply to a first admin only: a restart with an old,
    // shorter MOTEL_ADMIN_PASSWORD must not stop the host.
    CPPUNIT_ASSERT(!AdminBootstrap(*database_, hasher()).run("admin@motel.test", "short"));
}

void AuthStoreSuite::simultaneousCreatesOfOneEmailMakeOneUser() {
    auto secondHost = open(url_);
    RecordingEventBus events;
    AuditLog audit(testLogger());
    std::atomic<int> created{0};
    std::atomic<int> conflicts{0};
    const std::vector<std::string> spellings{"same@motel.test", "SAME@motel.test", "Same@Motel.Test",
                                             "same@MOTEL.TEST"};
    simultaneously(4, [&](int i) {
        UserService users(i % 2 ? *secondHost : *database_, events, hasher(), audit);
        try {
            users.create({spellings[i], "Same", "same-password", "staff"}, kTestActor);
            ++created;
        } catch (const sdk::Conflict& conflict) {
            CPPUNIT_ASSERT_EQUAL(409, conflict.status());
            CPPUNIT_ASSERT_EQUAL(std::string(UserService::kEmailTaken), conflict.messages().front());
            ++conflicts;
        }
    });
    CPPUNIT_ASSERT_EQUAL(1, created.load());
    CPPUNIT_ASSERT_EQUAL(3, conflicts.load());
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), userCount(*database_));
}

void AuthStoreSuite::eventsFollowOnlyCommittedChanges() {
    RecordingEventBus events;
    AuditLog audit(testLogger());
    UserService users(*database_, events, hasher(), audit);
    const auto admin = users.create({"boss@motel.test", "Boss", "boss-password", "admin"}, kTestActor);
    const auto staff = users.create({"maid@motel.test", "Maid", "maid-password", "staff"}, kTestActor);
    CPPUNIT_ASSERT_THROW((users.create({"MAID@motel.test", "Again", "maid-password", "staff"}, kTestActor)),
                         sdk::Conflict);
    UserChanges rename;
    rename.name = "Maid Marian";
    users.update(staff.id, rename, kTestActor);
    users.update(staff.id, rename, kTestActor); // no change: no event
    UserChanges demote;
    demote.role = "staff";
    CPPUNIT_ASSERT_THROW((users.update(admin.id, demote, kTestActor)), sdk::Conflict); // the last admin
    deactivate(users, staff.id);
    deactivate(users, staff.id); // already inactive: no event
    CPPUNIT_ASSERT(!users.get(staff.id).active);
    users.remove(staff.id, kTestActor);
    CPPUNIT_ASSERT_THROW(users.remove(staff.id, kTestActor), sdk::NotFound); // gone for the API
    CPPUNIT_ASSERT_THROW(users.get(staff.id), sdk::NotFound);
    CPPUNIT_ASSERT_THROW(users.remove(admin.id, kTestActor), sdk::Conflict); // the last admin
    const std::vector<std::string> expected{"user.created", "user.created",     "user.updated",
                                            "user.updated", "user.deactivated", "user.deleted"};
    CPPUNIT_ASSERT(expected == events.topics);
    CPPUNIT_ASSERT_EQUAL(std::string("admin"), users.get(admin.id).role);
    // Its email is free again; the new account gets a new id.
    const auto again = users.create({"maid@motel.test", "New Maid", "maid-password", "staff"}, kTestActor);
    CPPUNIT_ASSERT(again.id != staff.id);
}

void AuthStoreSuite::authenticatorFollowsTheStoredUser() {
    RecordingEventBus events;
    AuditLog audit(testLogger());
    UserService users(*database_, events, hasher(), audit);
    auto tokens = std::make_shared<const TokenService>(std::string(64, 't'), std::chrono::hours(1));
    JwtAuthenticator authenticator(tokens, *database_);
    const auto user = users.create({"chief@motel.test", "Chief", "chief-password", "manager"}, kTestActor);
    const std::string token = tokens->issue(user.id, "manager");

    auto principal = authenticator.authenticate(token);
    CPPUNIT_ASSERT(principal.has_value());
    CPPUNIT_ASSERT_EQUAL(user.id, principal->id);
    CPPUNIT_ASSERT_EQUAL(std::string("chief@motel.test"), principal->email);
    CPPUNIT_ASSERT_EQUAL(std::string("manager"), principal->role);

    UserChanges demote;
    demote.role = "staff";
    users.update(user.id, demote, kTestActor);
    CPPUNIT_ASSERT_EQUAL(std::string("staff"), authenticator.authenticate(token)->role); // the stored role wins

    deactivate(users, user.id);
    CPPUNIT_ASSERT(!authenticator.authenticate(token).has_value());
    CPPUNIT_ASSERT(!authenticator.authenticate(tokens->issue(987654, "admin")).has_value());
    CPPUNIT_ASSERT(!authenticator.authenticate("").has_value());
}

void AuthStoreSuite::loginFailuresLookAlike() {
    RecordingEventBus events;
    AuditLog audit(testLogger());
    UserService users(*database_, events, hasher(), audit);
    TokenService tokens(std::string(64, 't'), std::chrono::hours(1));
    CountingCache cache;
    LoginRateLimiter limiter(cache, 100, std::chrono::minutes(1));
    LoginService login(*database_, hasher(), tokens, limiter, audit);
    const auto active = users.create({"on@motel.test", "On", "on-duty-password", "staff"}, kTestActor);
    const auto inactive = users.create({"off@motel.test", "Off", "off-password", "staff"}, kTestActor);
    deactivate(users, inactive.id);

    const auto result = login.login({"ON@motel.test", "on-duty-password"}, kTestActor);
    CPPUNIT_ASSERT_EQUAL(active.id, result.user.id);
    CPPUNIT_ASSERT_EQUAL(active.id, tokens.verify(result.accessToken)->userId);

    const std::vector<Credentials> refused{{"on@motel.test", "wrong-password"},
                                           {"nobody@motel.test", "on-duty-password"},
                                           {"off@motel.test", "off-password"}};
    for (const auto& credentials : refused) {
        try {
            login.login(credentials, kTestActor);
            CPPUNIT_FAIL("login of " + credentials.email + " succeeded");
        } catch (const sdk::Unauthorized& error) {
            CPPUNIT_ASSERT_EQUAL(std::string(LoginService::kInvalidCredentials), error.messages().front());
        }
    }
}

void AuthStoreSuite::cachedAuthenticatorFollowsThisHostsChangesAtOnce() {
    // As AuthPlugin wires it: the host's event bus, a cache that would keep a
    // user for an hour, and UserService publishing its changes on the bus.
    host::InProcessEventBus events(testLogger());
    AuditLog audit(testLogger());
    UserService users(*database_, events, hasher(), audit);
    auto cache = std::make_shared<UserCache>(std::chrono::hours(1));
    const auto subscription = UserCache::followUserEvents(events, cache);
    auto tokens = std::make_shared<const TokenService>(std::string(64, 't'), std::chrono::hours(1));
    JwtAuthenticator authenticator(tokens, *database_, cache);
    const auto user = users.create({"night@motel.test", "Night", "night-password", "manager"}, kTestActor);
    const std::string token = tokens->issue(user.id, "manager");

    CPPUNIT_ASSERT_EQUAL(std::string("manager"), authenticator.authenticate(token)->role);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), cache->size()); // the next request is served from the cache

    UserChanges demote;
    demote.role = "staff";
    users.update(user.id, demote, kTestActor);
    CPPUNIT_ASSERT_EQUAL(std::string("staff"), authenticator.authenticate(token)->role);

    deactivate(users, user.id);
    CPPUNIT_ASSERT_MESSAGE("a user disabled on this host is refused on the very next request",
                           !authenticator.authenticate(token).has_value());

    UserChanges reactivate;
    reactivate.active = true;
    users.update(user.id, reactivate, kTestActor);
    CPPUNIT_ASSERT_MESSAGE("deactivation revoked the old token for good",
                           !authenticator.authenticate(token).has_value());
    const auto fresh = tokens->issue(user.id, "staff", users.get(user.id).tokenVersion);
    CPPUNIT_ASSERT(authenticator.authenticate(fresh).has_value());
    UserChanges password;
    password.password = "another-night-password";
    users.update(user.id, password, kTestActor);
    CPPUNIT_ASSERT_MESSAGE("a password change revokes at once", !authenticator.authenticate(fresh).has_value());
    events.unsubscribe(subscription);
}

void AuthStoreSuite::cachedUserExpiresForChangesMadeElsewhere() {
    // Another host (or `motel-host user` in its own process) changes the row:
    // this host's cache cannot hear of it and serves the old user until the
    // TTL passes. A fake clock stands for the passing time.
    auto now = UserCache::Clock::now();
    auto cache =
        std::make_shared<UserCache>(std::chrono::seconds(5), UserCache::kDefaultMaxEntries, [&now] { return now; });
    RecordingEventBus events;
    AuditLog audit(testLogger());
    auto otherHost = open(url_);
    UserService elsewhere(*otherHost, events, hasher(), audit);
    auto tokens = std::make_shared<const TokenService>(std::string(64, 't'), std::chrono::hours(1));
    JwtAuthenticator authenticator(tokens, *database_, cache);
    const auto user = elsewhere.create({"remote@motel.test", "Remote", "remote-password", "staff"}, kTestActor);
    const std::string token = tokens->issue(user.id, "staff");
    CPPUNIT_ASSERT(authenticator.authenticate(token).has_value());

    deactivate(elsewhere, user.id);
    now += std::chrono::seconds(4);
    CPPUNIT_ASSERT_MESSAGE("within the TTL the cached user still passes",
                           authenticator.authenticate(token).has_value());
    now += std::chrono::seconds(1);
    CPPUNIT_ASSERT_MESSAGE("once the entry expires the disabled user is refused",
                           !authenticator.authenticate(token).has_value());
}

void AuthStoreSuite::passwordChangeRevokesEarlierTokens() {
    Accounts accounts(*database_);
    auto& users = accounts.users;
    auto& login = accounts.login;
    auto& authenticator = accounts.authenticator;
    const auto user = users.create({"desk@motel.test", "Desk", "desk-password", "staff"}, kTestActor);
    const std::string before = login.login({"desk@motel.test", "desk-password"}, kTestActor).accessToken;
    CPPUNIT_ASSERT(authenticator.authenticate(before).has_value());

    UserChanges rename; // other changes keep the sessions
    rename.name = "Front Desk";
    users.update(user.id, rename, kTestActor);
    CPPUNIT_ASSERT(authenticator.authenticate(before).has_value());

    UserChanges password;
    password.password = "new-desk-password";
    users.update(user.id, password, kTestActor);
    CPPUNIT_ASSERT(!authenticator.authenticate(before).has_value());
    const std::string after = login.login({"desk@motel.test", "new-desk-password"}, kTestActor).accessToken;
    CPPUNIT_ASSERT(authenticator.authenticate(after).has_value());

    // A deactivation revokes too, for good: reactivating does not revive the old token.
    deactivate(users, user.id);
    UserChanges reactivate;
    reactivate.active = true;
    users.update(user.id, reactivate, kTestActor);
    CPPUNIT_ASSERT(!authenticator.authenticate(after).has_value());
    CPPUNIT_ASSERT(
        authenticator.authenticate(login.login({"desk@motel.test", "new-desk-password"}, kTestActor).accessToken)
            .has_value());
}

void AuthStoreSuite::auditTrailIsStoredAndFiltered() {
    {
        AuditWriter writer(*database_, testLogger());
        writer.submit(auditEntry("2026-01-01T09:00:00.000Z", 1, "POST /api/suites", "suites"));
        writer.submit(auditEntry("2026-01-02T09:00:00.000Z", 2, "PATCH /api/suites/:id", "suites"));
        writer.submit(auditEntry("2026-01-03T09:00:00.000Z", std::nullopt, "POST /api/tasks", "tasks"));
        AuditEntry huge = auditEntry("2026-01-04T09:00:00.000Z", 1, "DELETE /api/tasks/:id", "tasks");
        huge.requestId = std::string(5000, 'r');
        huge.detail = std::string(AuditRepository::kMaxTextLength - 1, 'd') + "\xc3\xa9"; // é across the cut
        writer.submit(huge);
        writer.flush();
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), auditRows(*database_).size());
    } // the destructor writes whatever is still queued; nothing is lost or doubled
    const auto all = auditRows(*database_);
    CPPUNIT_ASSERT_EQUAL(std::size_t(4), all.size());
    CPPUNIT_ASSERT_EQUAL(std::string("DELETE /api/tasks/:id"), all.front().action); // newest first
    CPPUNIT_ASSERT_EQUAL(AuditRepository::kMaxTextLength, all.front().requestId.size());
    CPPUNIT_ASSERT_EQUAL(AuditRepository::kMaxTextLength - 1, all.front().detail->size());
    CPPUNIT_ASSERT(!all[1].actorId.has_value());

    AuditQuery byActor;
    byActor.actorId = 1;
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), auditRows(*database_, byActor).size());
    AuditQuery byEntity;
    byEntity.entity = "suites";
    byEntity.newestFirst = false;
    const auto suites = auditRows(*database_, byEntity);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), suites.size());
    CPPUNIT_ASSERT_EQUAL(std::string("POST /api/suites"), suites.front().action);
    AuditQuery window;
    window.from = "2026-01-02T09:00:00.000Z";
    window.to = "2026-01-03T09:00:00.000Z"; // both ends inclusive
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), auditRows(*database_, window).size());
    AuditQuery byAction;
    byAction.action = "POST /api/tasks";
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), auditRows(*database_, byAction).size());
    std::int64_t counted = 0;
    database_->withSession([&](sdk::SqlSession& session) { counted = AuditRepository(session).count(byActor); });
    CPPUNIT_ASSERT_EQUAL(std::int64_t(2), counted);
}

void AuthStoreSuite::loginOutcomesAreStoredInTheAuditTrail() {
    AuditWriter writer(*database_, testLogger());
    Accounts accounts(*database_, 2, nullptr, &writer);
    auto& users = accounts.users;
    auto& login = accounts.login;
    const auto user = users.create({"Guard@Motel.Test", "Guard", "guard-password", "staff"}, kTestActor);
    const Actor caller{std::nullopt, "10.9.8.7", "req-42"};

    login.login({"GUARD@motel.test", "guard-password"}, caller);
    CPPUNIT_ASSERT_THROW(login.login({"guard@motel.test", "secret-guess-1"}, caller), sdk::Unauthorized);
    CPPUNIT_ASSERT_THROW(login.login({"guard@motel.test", "secret-guess-2"}, caller), sdk::Unauthorized);
    CPPUNIT_ASSERT_THROW(login.login({"guard@motel.test", "secret-guess-3"}, caller), sdk::TooManyRequests);
    writer.flush();

    AuditQuery query;
    query.entity = "auth";
    query.newestFirst = false;
    const auto rows = auditRows(*database_, query);
    CPPUNIT_ASSERT_EQUAL(std::size_t(4), rows.size());
    const std::vector<std::string> actions{"login.success", "login.failure", "login.failure", "login.locked"};
    const std::vector<std::int64_t> statuses{200, 401, 401, 429};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CPPUNIT_ASSERT_EQUAL(actions[i], rows[i].action);
        CPPUNIT_ASSERT(rows[i].status == statuses[i]);
        CPPUNIT_ASSERT(rows[i].detail == std::string("guard@motel.test"));
        CPPUNIT_ASSERT_EQUAL(std::string("10.9.8.7"), rows[i].clientAddress);
        CPPUNIT_ASSERT_EQUAL(std::string("req-42"), rows[i].requestId);
        CPPUNIT_ASSERT(rows[i].detail->find("secret-guess") == std::string::npos);
    }
    CPPUNIT_ASSERT(rows[0].actorId == user.id);
    CPPUNIT_ASSERT(rows[1].actorId == user.id);   // known account, wrong password
    CPPUNIT_ASSERT(!rows[3].actorId.has_value()); // locked before any lookup
}

void AuthStoreSuite::retentionDeletesOnlyOldEntries() {
    const Poco::Timestamp now;
    const auto daysAgo = [&](int days) { return sdk::formatTimestamp(now - Poco::Timespan(days, 0, 0, 0, 0)); };
    database_->withSession([&](sdk::SqlSession& session) {
        AuditRepository audit(session);
        for (int days : {400, 120, 91, 89, 1, 0}) audit.insert(auditEntry(daysAgo(days), 1, "PATCH /api/x", "x"));
    });
    AuditRetention retention(*database_, std::chrono::hours(24 * 90), testLogger());
    CPPUNIT_ASSERT_EQUAL(std::int64_t(3), retention.run(now));
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), auditRows(*database_).size());
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0), retention.run(now)); // idempotent
}

void AuthStoreSuite::userCommandManagesAccounts() {
    AuditWriter writer(*database_, testLogger());
    Accounts accounts(*database_, 100, nullptr, &writer);
    auto& users = accounts.users;
    auto& login = accounts.login;
    auto& audit = accounts.audit;

    auto [code, out] = userCommand(users, audit, {"add", "Boss@Motel.Test", "The Boss", "admin"}, "boss-password-1\n");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(out, 0, code);
    CPPUNIT_ASSERT(out.find("Boss@Motel.Test") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string("admin"),
                         login.login({"boss@motel.test", "boss-password-1"}, kTestActor).user.role);
    std::tie(code, out) = userCommand(users, audit, {"add", "clerk@motel.test", "Clerk"}, "clerk-password\r\n");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(out, 0, code);
    CPPUNIT_ASSERT_EQUAL(std::string("staff"), users.getByEmail("clerk@motel.test").role); // the default role
    login.login({"clerk@motel.test", "clerk-password"}, kTestActor); // the CR of a Windows line is not part of it

    std::tie(code, out) = userCommand(users, audit, {"passwd", "BOSS@motel.test"}, "boss-password-2\n");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(out, 0, code);
    CPPUNIT_ASSERT_THROW(login.login({"boss@motel.test", "boss-password-1"}, kTestActor), sdk::Unauthorized);
    login.login({"boss@motel.test", "boss-password-2"}, kTestActor);

    std::tie(code, out) = userCommand(users, audit, {"disable", "boss@motel.test"});
    CPPUNIT_ASSERT_EQUAL(1, code); // the last active admin
    CPPUNIT_ASSERT(out.find(UserService::kLastAdmin) != std::string::npos);
    std::tie(code, out) = userCommand(users, audit, {"disable", "clerk@motel.test"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(out, 0, code);
    CPPUNIT_ASSERT(!users.getByEmail("clerk@motel.test").active);
    std::tie(code, out) = userCommand(users, audit, {"enable", "clerk@motel.test"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(out, 0, code);
    CPPUNIT_ASSERT(users.getByEmail("clerk@motel.test").active);

    std::tie(code, out) = userCommand(users, audit, {"list"});
    CPPUNIT_ASSERT_EQUAL(0, code);
    CPPUNIT_ASSERT(out.find("Boss@Motel.Test") != std::string::npos);
    CPPUNIT_ASSERT(out.find("clerk@motel.test") != std::string::npos);
    CPPUNIT_ASSERT(out.find("argon2") == std::string::npos);
    CPPUNIT_ASSERT(out.find("password") == std::string::npos);

    writer.flush();
    AuditQuery query;
    query.entity = "users";
    query.newestFirst = false;
    std::vector<std::string> actions;
    for (const auto& row : auditRows(*database_, query)) actions.push_back(row.action);
    const std::vector<std::string> expected{"cli.user.add", "cli.user.add", "cli.user.passwd", "cli.user.disable",
                                            "cli.user.enable"};
    CPPUNIT_ASSERT(expected == actions);
}

void AuthStoreSuite::userCommandRefusesBadInput() {
    RecordingEventBus events;
    AuditLog audit(testLogger());
    UserService users(*database_, events, hasher(), audit);
    for (const std::vector<std::string>& args : {std::vector<std::string>{},
                                                 {"add"},
                                                 {"add", "a@motel.test"},
                                                 {"add", "a@b.test", "A", "admin", "x"},
                                                 {"passwd"},
                                                 {"remove", "a@motel.test"},
                                                 {"list", "all"}}) {
        auto [code, out] = userCommand(users, audit, args, "some-password\n");
        CPPUNIT_ASSERT_EQUAL(UserCommand::kUsage, code);
        CPPUNIT_ASSERT(out.find("usage: motel-host user add EMAIL NAME [ROLE]") != std::string::npos);
    }
    auto [code, out] = userCommand(users, audit, {"add", "a@motel.test", "A"}, ""); // no password given
    CPPUNIT_ASSERT_EQUAL(UserCommand::kUsage, code);
    CPPUNIT_ASSERT(out.find("no password on standard input") != std::string::npos);

    std::tie(code, out) = userCommand(users, audit, {"add", "not-an-email", "A", "king"}, "short\n");
    CPPUNIT_ASSERT_EQUAL(UserCommand::kInvalidInput, code);
    CPPUNIT_ASSERT(out.find("email must be an email") != std::string::npos);
    CPPUNIT_ASSERT(out.find("password must be longer than or equal to 12 characters") != std::string::npos);
    CPPUNIT_ASSERT(out.find("role must be one of the following values: admin, manager, staff") != std::string::npos);

    std::tie(code, out) = userCommand(users, audit, {"add", "a@motel.test", "A"}, "a-long-password\n");
    CPPUNIT_ASSERT_EQUAL(0, code);
    std::tie(code, out) = userCommand(users, audit, {"add", "A@MOTEL.TEST", "A"}, "a-long-password\n");
    CPPUNIT_ASSERT_EQUAL(UserCommand::kRefused, code);
    CPPUNIT_ASSERT(out.find(UserService::kEmailTaken) != std::string::npos);
    std::tie(code, out) = userCommand(users, audit, {"passwd", "a@motel.test"}, "short\n");
    CPPUNIT_ASSERT_EQUAL(UserCommand::kInvalidInput, code);
    std::tie(code, out) = userCommand(users, audit, {"passwd", "nobody@motel.test"}, "a-long-password\n");
    CPPUNIT_ASSERT_EQUAL(UserCommand::kRefused, code);
    CPPUNIT_ASSERT(out.find("User nobody@motel.test not found") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), userCount(*database_));
}

} // namespace motel::auth

namespace motel::auth {

namespace {

std::int64_t inOneHour() {
    return Poco::Timestamp().epochTime() + 3600;
}

Revocation logoutOf(std::int64_t userId, const std::string& tokenId) {
    Revocation revocation;
    revocation.topic = Revocation::kTokenRevoked;
    revocation.userId = userId;
    revocation.tokenId = tokenId;
    revocation.expiresAt = inOneHour();
    return revocation;
}

} // namespace

void AuthStoreSuite::logoutRevokesOneTokenOnEveryHost() {
    // Two hosts on one database, each with its own bus, feed and authenticator.
    auto otherPool = open(url_);
    RecordingEventBus hereEvents, thereEvents;
    AuditLog audit(testLogger());
    UserService users(*database_, hereEvents, hasher(), audit);
    RevocationFeed here(*database_, hereEvents, std::make_shared<RevokedTokens>(), std::chrono::hours(1), testLogger());
    RevocationFeed there(*otherPool, thereEvents, std::make_shared<RevokedTokens>(), std::chrono::hours(1),
                         testLogger());
    here.start();
    there.start();
    auto tokens = std::make_shared<const TokenService>(std::string(64, 't'), std::chrono::hours(1));
    JwtAuthenticator hereAuth(tokens, *database_, nullptr, here.revokedTokens());
    JwtAuthenticator thereAuth(tokens, *otherPool, nullptr, there.revokedTokens());
    const auto user = users.create({"out@motel.test", "Out", "logging-out-password", "staff"}, kTestActor);
    const std::string phone = tokens->issue(user.id, "staff");
    const std::string desk = tokens->issue(user.id, "staff");
    const std::string phoneId = hereAuth.authenticate(phone)->tokenId;
    CPPUNIT_ASSERT(!phoneId.empty());
    CPPUNIT_ASSERT(phoneId != hereAuth.authenticate(desk)->tokenId);

    here.announce(logoutOf(user.id, phoneId));
    CPPUNIT_ASSERT_MESSAGE("refused at once on the host that logged out", !hereAuth.authenticate(phone));
    CPPUNIT_ASSERT_MESSAGE("the user's other token keeps working", hereAuth.authenticate(desk).has_value());
    CPPUNIT_ASSERT(std::find(hereEvents.topics.begin(), hereEvents.topics.end(), "token.revoked") !=
                   hereEvents.topics.end());

    CPPUNIT_ASSERT_EQUAL(std::size_t(1), there.poll()); // what the poll thread (or the Redis signal) does
    CPPUNIT_ASSERT_MESSAGE("refused on the other host after its poll", !thereAuth.authenticate(phone));
    CPPUNIT_ASSERT(thereAuth.authenticate(desk).has_value());
    CPPUNIT_ASSERT(std::find(thereEvents.topics.begin(), thereEvents.topics.end(), "token.revoked") !=
                   thereEvents.topics.end());
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), there.poll()); // each row once
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), here.poll());  // its own rows were applied by announce()

    // A host started later loads the revocation from the table.
    RecordingEventBus lateEvents;
    RevocationFeed late(*otherPool, lateEvents, std::make_shared<RevokedTokens>(), std::chrono::hours(1), testLogger());
    late.start();
    CPPUNIT_ASSERT(late.revokedTokens()->contains(phoneId));
    CPPUNIT_ASSERT(lateEvents.topics.empty()); // history is not replayed as events
    late.stop();

    // Expired revocations are purged from the table and from memory.
    Revocation old = logoutOf(user.id, "expired-token");
    old.expiresAt = 1000;
    here.announce(old);
    database_->transaction([](sdk::SqlSession& session) {
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), RevocationRepository(session).purgeExpired(inOneHour() - 60));
    });
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), here.revokedTokens()->forgetExpired(inOneHour() - 60));
    CPPUNIT_ASSERT(here.revokedTokens()->contains(phoneId));
    here.stop();
    there.stop();
}

void AuthStoreSuite::sessionEndingChangesReachEveryHost() {
    auto otherPool = open(url_);
    RecordingEventBus hereEvents, thereEvents;
    AuditLog audit(testLogger());
    RevocationFeed here(*database_, hereEvents, std::make_shared<RevokedTokens>(), std::chrono::hours(1), testLogger());
    RevocationFeed there(*otherPool, thereEvents, std::make_shared<RevokedTokens>(), std::chrono::hours(1),
                         testLogger());
    here.start();
    there.start();
    UserService users(*database_, hereEvents, hasher(), audit, nullptr, &here);
    users.create({"boss@motel.test", "Boss", "boss-password-1", "admin"}, kTestActor);
    const auto user = users.create({"moves@motel.test", "Moves", "moving-password", "staff"}, kTestActor);
    UserChanges promote;
    promote.role = "manager";
    users.update(user.id, promote, kTestActor);
    UserChanges password;
    password.password = "another-moving-password";
    users.update(user.id, password, kTestActor);
    deactivate(users, user.id);
    users.remove(user.id, kTestActor);

    const std::vector<std::string> revocations{"user.roleChanged", "user.passwordChanged", "user.deactivated",
                                               "user.deleted"};
    CPPUNIT_ASSERT_EQUAL(std::size_t(4), there.poll());
    CPPUNIT_ASSERT(revocations == thereEvents.topics);
    std::vector<std::string> hereRevocations;
    for (const auto& topic : hereEvents.topics)
        if (topic != "user.created" && topic != "user.updated") hereRevocations.push_back(topic);
    CPPUNIT_ASSERT(revocations == hereRevocations);
    here.stop();
    there.stop();
}

void AuthStoreSuite::ownPasswordChangeChecksTheCurrentOne() {
    const PasswordPolicy policy({"winniethepooh"});
    Accounts accounts(*database_, 3, &policy);
    auto& users = accounts.users;
    auto& login = accounts.login;
    auto& authenticator = accounts.authenticator;
    auto& limiter = accounts.limiter;
    const auto user = users.create({"self@motel.test", "Self", "my-first-password", "staff"}, kTestActor);
    const std::string before = login.login({"self@motel.test", "my-first-password"}, kTestActor).accessToken;

    CPPUNIT_ASSERT_THROW(
        users.changeOwnPassword(user.id, {"not-my-password", "my-second-password"}, kTestActor, limiter),
        sdk::Forbidden);
    CPPUNIT_ASSERT_MESSAGE("a wrong current password changes nothing", authenticator.authenticate(before));
    try {
        users.changeOwnPassword(user.id, {"my-first-password", "WinnieThePooh"}, kTestActor, limiter);
        CPPUNIT_FAIL("a common password was accepted");
    } catch (const sdk::ValidationError& error) {
        CPPUNIT_ASSERT_EQUAL(std::string("newPassword is too common; choose a password that is not on a list of "
                                         "frequently used ones"),
                             error.messages().front());
    }
    users.changeOwnPassword(user.id, {"my-first-password", "my-second-password"}, kTestActor, limiter);
    CPPUNIT_ASSERT_MESSAGE("tokens from before the change are revoked", !authenticator.authenticate(before));
    CPPUNIT_ASSERT(
        authenticator.authenticate(login.login({"self@motel.test", "my-second-password"}, kTestActor).accessToken));

    // Wrong current passwords count as failed logins of that (address, email).
    for (int i = 0; i < 3; ++i)
        CPPUNIT_ASSERT_THROW(users.changeOwnPassword(user.id, {"guess", "my-third-password"}, kTestActor, limiter),
                             sdk::Forbidden);
    CPPUNIT_ASSERT_THROW(
        users.changeOwnPassword(user.id, {"my-second-password", "my-third-password"}, kTestActor, limiter),
        sdk::TooManyRequests);
    CPPUNIT_ASSERT_THROW(login.login({"self@motel.test", "my-second-password"}, kTestActor), sdk::TooManyRequests);
}

void AuthStoreSuite::deletedUserIsGoneButKeepsItsId() {
    Accounts accounts(*database_);
    auto& users = accounts.users;
    auto& login = accounts.login;
    auto& authenticator = accounts.authenticator;
    const auto user = users.create({"Leaver@motel.test", "Leaver", "leaving-password", "staff"}, kTestActor);
    const std::string token = login.login({"leaver@motel.test", "leaving-password"}, kTestActor).accessToken;
    users.remove(user.id, kTestActor);

    CPPUNIT_ASSERT(!authenticator.authenticate(token).has_value());
    CPPUNIT_ASSERT_THROW(login.login({"leaver@motel.test", "leaving-password"}, kTestActor), sdk::Unauthorized);
    CPPUNIT_ASSERT_THROW(users.get(user.id), sdk::NotFound);
    UserChanges rename;
    rename.name = "Back";
    CPPUNIT_ASSERT_THROW(users.update(user.id, rename, kTestActor), sdk::NotFound);
    UserListQuery all;
    for (const auto& listed : users.list(all).first) CPPUNIT_ASSERT(listed.id != user.id);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0), users.list(all).second);
    // The row stays, so what the user did stays attributed to its id.
    database_->withSession([&](sdk::SqlSession& session) {
        const auto rows =
            session.query("SELECT email, deleted_at FROM users WHERE id = $1", {static_cast<Poco::Int64>(user.id)});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Leaver@motel.test"), rows.front().text("email"));
        CPPUNIT_ASSERT(!rows.front().isNull("deleted_at"));
    });
    // The email is free for a new account.
    const auto again = users.create({"leaver@motel.test", "Returner", "returning-password", "staff"}, kTestActor);
    CPPUNIT_ASSERT(again.id != user.id);
    CPPUNIT_ASSERT(login.login({"leaver@motel.test", "returning-password"}, kTestActor).user.id == again.id);
}

} // namespace motel::auth
