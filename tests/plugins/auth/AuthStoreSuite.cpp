#include "AuthStoreSuite.h"

#include "AdminBootstrap.h"
#include "AuditLog.h"
#include "AuthMigrations.h"
#include "JwtAuthenticator.h"
#include "LoginRateLimiter.h"
#include "LoginService.h"
#include "UserService.h"

#include "db/MigrationRunner.h"

#include <motel/sdk/Errors.h>
#include <motel/sdk/Settings.h>

#include <Poco/File.h>
#include <Poco/Logger.h>

#include <future>
#include <map>
#include <mutex>
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
    RecordingEventBus events;
    AuditLog audit(testLogger());
    UserService(*database_, events, hasher(), audit)
        .create({"staff@motel.test", "Staff", "staff-password", "staff"}, kTestActor);
    CPPUNIT_ASSERT(!AdminBootstrap(*database_, hasher()).run("admin@motel.test", "first-password"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), userCount(*database_));
    CPPUNIT_ASSERT_THROW((AdminBootstrap(*database_, hasher()).run("not an email", "first-password")),
                         sdk::ConfigError);
    CPPUNIT_ASSERT_THROW((AdminBootstrap(*database_, hasher()).run("admin@motel.test", "short")), sdk::ConfigError);
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
    users.deactivate(staff.id, kTestActor);
    users.deactivate(staff.id, kTestActor); // already inactive: no event
    const std::vector<std::string> expected{"user.created", "user.created", "user.updated", "user.deleted"};
    CPPUNIT_ASSERT(expected == events.topics);
    CPPUNIT_ASSERT_EQUAL(std::string("admin"), users.get(admin.id).role);
    CPPUNIT_ASSERT(!users.get(staff.id).active);
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

    users.deactivate(user.id, kTestActor);
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
    const auto active = users.create({"on@motel.test", "On", "on-password", "staff"}, kTestActor);
    const auto inactive = users.create({"off@motel.test", "Off", "off-password", "staff"}, kTestActor);
    users.deactivate(inactive.id, kTestActor);

    const auto result = login.login({"ON@motel.test", "on-password"}, kTestActor);
    CPPUNIT_ASSERT_EQUAL(active.id, result.user.id);
    CPPUNIT_ASSERT_EQUAL(active.id, tokens.verify(result.accessToken)->userId);

    const std::vector<Credentials> refused{
        {"on@motel.test", "wrong-password"}, {"nobody@motel.test", "on-password"}, {"off@motel.test", "off-password"}};
    for (const auto& credentials : refused) {
        try {
            login.login(credentials, kTestActor);
            CPPUNIT_FAIL("login of " + credentials.email + " succeeded");
        } catch (const sdk::Unauthorized& error) {
            CPPUNIT_ASSERT_EQUAL(std::string(LoginService::kInvalidCredentials), error.messages().front());
        }
    }
}

} // namespace motel::auth
