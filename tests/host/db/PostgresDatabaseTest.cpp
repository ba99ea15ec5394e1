// The sdk::Database contract on PostgreSQL (a fresh database on the fixture
// server per test), plus connection failures and recovery.
#include "SqlDatabaseContract.h"

#include "db/DatabaseErrors.h"
#include "db/DatabaseUrl.h"
#include "support/HostProcess.h"
#include "support/TestPostgres.h"

#include <Poco/Logger.h>

namespace motel::host::test {

class PostgresDatabaseTest : public SqlDatabaseContract {
    CPPUNIT_TEST_SUB_SUITE(PostgresDatabaseTest, SqlDatabaseContract);
    CPPUNIT_TEST(testUnreachableServerIsServiceUnavailable);
    CPPUNIT_TEST(testDeadPooledConnectionFailsFastThenPoolRecovers);
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

    void testDeadPooledConnectionFailsFastThenPoolRecovers() {
        SqlDatabaseOptions single;
        single.poolSize = 1;
        auto db = open(single);
        std::int64_t backend = 0;
        db->withSession([&](sdk::SqlSession& session) {
            backend = session.query("SELECT pg_backend_pid() AS pid").at(0).integer("pid");
        });
        // Kill the pooled connection's server process, as a restart would.
        db_->withSession([&](sdk::SqlSession& session) {
            CPPUNIT_ASSERT_EQUAL(std::string("1"),
                                 session.query("SELECT CAST(pg_terminate_backend($1) AS INTEGER) AS done",
                                               {backend}).at(0).text("done"));
        });
        bool unavailable = false;
        try {
            db->withSession([](sdk::SqlSession& session) { session.query("SELECT 1 AS one"); });
        } catch (const sdk::ServiceUnavailable&) {
            unavailable = true;
        }
        CPPUNIT_ASSERT_MESSAGE("the dead connection should fail its call", unavailable);
        std::int64_t newBackend = 0;
        db->withSession([&](sdk::SqlSession& session) {
            newBackend = session.query("SELECT pg_backend_pid() AS pid").at(0).integer("pid");
        });
        CPPUNIT_ASSERT(newBackend != backend);
        CPPUNIT_ASSERT(db->ping(std::chrono::milliseconds(2000)).up);
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(PostgresDatabaseTest);

} // namespace motel::host::test
