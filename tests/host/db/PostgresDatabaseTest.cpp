// The sdk::Database contract on PostgreSQL (a fresh database on the fixture
// server per test), plus connection failures and recovery.
#include "SqlDatabaseContract.h"

#include "db/DatabaseErrors.h"
#include "db/DatabaseUrl.h"
#include "support/HostProcess.h"
#include "support/TestPostgres.h"

#include <Poco/Logger.h>

#include <chrono>
#include <thread>

namespace motel::host::test {

class PostgresDatabaseTest : public SqlDatabaseContract {
    CPPUNIT_TEST_SUB_SUITE(PostgresDatabaseTest, SqlDatabaseContract);
    CPPUNIT_TEST(testUnreachableServerIsServiceUnavailable);
    CPPUNIT_TEST(testConnectionLostDuringCallFailsFastThenPoolRecovers);
    CPPUNIT_TEST(testIdleConnectionClosedByServerIsReplaced);
    CPPUNIT_TEST(testTransactionAbortedByFailedStatementDoesNotCommit);
    CPPUNIT_TEST_SUITE_END();

public:
    void testUnreachableServerIsServiceUnavailable() {
        const std::string url =
            "postgresql://motel:motel@127.0.0.1:" + std::to_string(motel::test::freePort()) + "/nothing";
        SqlDatabase database(DatabaseUrl::parse(url), {}, Poco::Logger::get("motel.db.test"));
        CPPUNIT_ASSERT_THROW(database.withSession([](sdk::SqlSession&) {}), sdk::ServiceUnavailable);
        try {
            database.transaction([](sdk::SqlSession&) {});
            CPPUNIT_FAIL("expected DatabaseUnavailable");
        } catch (const DatabaseUnavailable& error) {
            CPPUNIT_ASSERT(error.detail().find("127.0.0.1") != std::string::npos);
            CPPUNIT_ASSERT(error.detail().find(":motel@") == std::string::npos); // no password
        }
        const auto ping = database.ping(std::chrono::milliseconds(2000));
        CPPUNIT_ASSERT(!ping.up);
        CPPUNIT_ASSERT(!ping.error.empty());
    }

    void testConnectionLostDuringCallFailsFastThenPoolRecovers() {
        SqlDatabaseOptions single;
        single.poolSize = 1;
        auto db = open(single);
        std::int64_t backend = 0;
        bool unavailable = false;
        try {
            db->withSession([&](sdk::SqlSession& session) {
                backend = backendPid(session);
                terminate(backend); // as a server restart would
                session.query("SELECT 1 AS one");
            });
        } catch (const sdk::ServiceUnavailable&) {
            unavailable = true;
        }
        CPPUNIT_ASSERT_MESSAGE("a call on a lost connection is a 503", unavailable);
        std::int64_t replacement = 0;
        db->withSession([&](sdk::SqlSession& session) { replacement = backendPid(session); });
        CPPUNIT_ASSERT(replacement != backend);
        CPPUNIT_ASSERT(db->ping(std::chrono::milliseconds(2000)).up);
    }

    void testIdleConnectionClosedByServerIsReplaced() {
        SqlDatabaseOptions pool;
        pool.poolSize = 2;
        auto db = open(pool);
        std::int64_t backend = 0;
        db->withSession([&](sdk::SqlSession& session) { backend = backendPid(session); });
        terminate(backend);
        // The pool notices the closed connection when lending it out; at
        // worst (the close still in flight) one call fails, never more.
        int failures = 0;
        std::int64_t replacement = backend;
        for (int call = 0; call < 2 && replacement == backend; ++call) {
            try {
                db->withSession([&](sdk::SqlSession& session) { replacement = backendPid(session); });
            } catch (const sdk::ServiceUnavailable&) {
                ++failures;
            }
        }
        CPPUNIT_ASSERT(failures <= 1);
        CPPUNIT_ASSERT(replacement != backend);
    }

    void testTransactionAbortedByFailedStatementDoesNotCommit() {
        createItems(*db_);
        bool hookRan = false;
        CPPUNIT_ASSERT_THROW(db_->transaction([&](sdk::SqlSession& tx) {
            tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("kept?")});
            tx.afterCommit([&] { hookRan = true; });
            try {
                tx.execute("INSERT INTO no_such_table (x) VALUES (1)");
            } catch (const DatabaseError&) {
                // Swallowed: PostgreSQL has aborted the transaction anyway.
            }
        }),
                             DatabaseError);
        CPPUNIT_ASSERT(!hookRan);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), countItems(*db_));
    }

protected:
    std::string freshDatabaseUrl() override { return motel::test::freshPostgresDatabase(); }

private:
    static std::int64_t backendPid(sdk::SqlSession& session) {
        return session.query("SELECT pg_backend_pid() AS pid").at(0).integer("pid");
    }

    /// Ends backend `pid` from another connection and waits until it is gone.
    void terminate(std::int64_t pid) {
        db_->withSession([&](sdk::SqlSession& session) {
            session.query("SELECT pg_terminate_backend($1)", {pid});
            for (int attempt = 0; attempt < 200; ++attempt) {
                if (session.query("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE pid = $1", {pid}).at(0).integer("n") == 0)
                    return;
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
            }
            CPPUNIT_FAIL("backend " + std::to_string(pid) + " did not exit");
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PostgresDatabaseTest);

} // namespace motel::host::test
