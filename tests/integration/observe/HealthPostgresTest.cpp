// The health plugin on PostgreSQL: the database check measures a real round
// trip, and a database that stops answering makes /health unhealthy and
// /health/ready 503 — and both recover by themselves once it answers again.
//
// "Stops answering" without stopping the shared fixture server: the test
// database is closed to new connections and its sessions are terminated.
#include "ObserveTestSupport.h"
#include "support/TestPostgres.h"

#include "db/DatabaseUrl.h"

#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <functional>
#include <thread>

using namespace motel::test;
using namespace motel::test::observe;

namespace {

/// Runs `sql` on the fixture server's maintenance database.
void administer(const std::string& sql) {
    const auto admin = motel::host::DatabaseUrl::parse(testPostgresBaseUrl() + "/postgres");
    Poco::Data::Session session(admin.connector(), admin.connectionString(5));
    session << sql, Poco::Data::Keywords::now;
}

void closeDatabase(const std::string& name) {
    administer("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
    administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
}

void openDatabase(const std::string& name) {
    administer("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
}

/// Asks until `done` holds (at most `patience`); the last answer is returned.
HttpResult until(const std::function<HttpResult()>& ask, const std::function<bool(const HttpResult&)>& done,
                 std::chrono::seconds patience = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    HttpResult last = ask();
    while (!done(last) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        last = ask();
    }
    return last;
}

} // namespace

class HealthPostgresTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HealthPostgresTest);
    CPPUNIT_TEST(testDatabaseRoundTripIsMeasured);
    CPPUNIT_TEST(testDatabaseThatStopsAnsweringAndComesBack);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDatabaseRoundTripIsMeasured() {
        HostOptions options = hostWith({"health"});
        options.databaseUrl = freshPostgresDatabase();
        HostProcess host(options);
        const HttpResult health = host.request("GET", "/health");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(health), 200, health.status);
        const auto database =
            health.json().extract<Poco::JSON::Object::Ptr>()->getObject("checks")->getObject("database");
        CPPUNIT_ASSERT_EQUAL(std::string("up"), database->getValue<std::string>("status"));
        CPPUNIT_ASSERT(database->getValue<double>("responseTime") > 0);
        CPPUNIT_ASSERT_EQUAL(200, host.request("GET", "/health/ready").status);
    }

    void testDatabaseThatStopsAnsweringAndComesBack() {
        HostOptions options = hostWith({"health"});
        options.databaseUrl = freshPostgresDatabase();
        const std::string name = motel::host::DatabaseUrl::parse(options.databaseUrl).database();
        HostProcess host(options);
        CPPUNIT_ASSERT_EQUAL(200, host.request("GET", "/health/ready").status);

        const ReopenOnExit reopen{name};
        closeDatabase(name);
        const auto health = [&host] { return host.request("GET", "/health"); };
        const HttpResult down = until(health, [](const HttpResult& r) { return r.status == 503; });
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(down), 503, down.status);
        const auto body = down.json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::string("unhealthy"), body->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("down"),
                             body->getObject("checks")->getObject("database")->getValue<std::string>("status"));

        const HttpResult notReady = host.request("GET", "/health/ready");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(notReady), 503, notReady.status);
        CPPUNIT_ASSERT_MESSAGE(notReady.body, notReady.body.find("database") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(200, host.request("GET", "/health/live").status);

        openDatabase(name);
        const auto ready = [&host] { return host.request("GET", "/health/ready"); };
        const HttpResult back = until(ready, [](const HttpResult& r) { return r.status == 200; });
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(back) + "\n" + host.logText(), 200, back.status);
        // /health answers again with the database up. (Its overall status may
        // stay unhealthy for up to a minute: the 503s above count in the
        // `http` check's error rate.)
        const HttpResult healthAgain = host.request("GET", "/health");
        const auto checks = healthAgain.json().extract<Poco::JSON::Object::Ptr>()->getObject("checks");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(healthAgain), std::string("up"),
                                     checks->getObject("database")->getValue<std::string>("status"));
    }

private:
    /// Re-opens the database when a failed assertion leaves the test early.
    struct ReopenOnExit {
        std::string name;
        ~ReopenOnExit() {
            try {
                openDatabase(name);
            } catch (...) {
            }
        }
    };
};

CPPUNIT_TEST_SUITE_REGISTRATION(HealthPostgresTest);
