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
#include <typeinfo>

namespace motel::host::test {

class PostgresDatabaseTest : public SqlDatabaseContract {
    CPPUNIT_TEST_SUB_SUITE(PostgresDatabaseTest, SqlDatabaseContract);
    CPPUNIT_TEST(testUnreachableServerIsServiceUnavailable);
    CPPUNIT_TEST(testConnectionLostDuringCallFailsFastThenPoolRecovers);
    CPPUNIT_TEST(testIdleConnectionClosedByServerIsReplaced);
    CPPUNIT_TEST(testTransactionAbortedByFailedStatementDoesNotCommit);
    CPPUNIT_TEST(testPreparedStatementsOnTheServerAreBounded);
    CPPUNIT_TEST(testSchemaChangeUnderACachedStatement);
    CPPUNIT_TEST(testServerTypesAreNormalised);
    CPPUNIT_TEST(testTextWithNulIsRefusedNotCut);
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

    void testPreparedStatementsOnTheServerAreBounded() {
        SqlDatabaseOptions small;
        small.poolSize = 1;
        small.statementCacheSize = 3;
        auto db = open(small);
        db->withSession([](sdk::SqlSession& session) {
            for (int i = 0; i < 20; ++i) session.query("SELECT " + std::to_string(i) + " AS n");
            const auto prepared = session.query("SELECT COUNT(*) AS n FROM pg_prepared_statements").at(0).integer("n");
            CPPUNIT_ASSERT_MESSAGE(std::to_string(prepared) + " statements prepared", prepared <= 3);
            // The same text again runs the statement prepared before.
            CPPUNIT_ASSERT_EQUAL(std::int64_t(19), session.query("SELECT 19 AS n").at(0).integer("n"));
        });
    }

    void testSchemaChangeUnderACachedStatement() {
        SqlDatabaseOptions single;
        single.poolSize = 1;
        auto db = open(single);
        createItems(*db);
        insertItem(*db, "a");
        db->withSession([](sdk::SqlSession& session) {
            CPPUNIT_ASSERT_EQUAL(std::size_t(7), session.query("SELECT * FROM items").at(0).values().size());
            session.execute("ALTER TABLE items ADD COLUMN extra TEXT");
            // The cached plan's result type changed: prepared again, not an error.
            const auto row = session.query("SELECT * FROM items").at(0);
            CPPUNIT_ASSERT(row.isNull("extra"));
        });
    }

    void testServerTypesAreNormalised() {
        db_->withSession([](sdk::SqlSession& session) {
            const auto row = session
                                 .query("SELECT TRUE AS yes, FALSE AS no, CAST(7 AS SMALLINT) AS small, "
                                        "CAST(2.25 AS NUMERIC(6,2)) AS money, CAST(1.5 AS REAL) AS single, "
                                        "DATE '2026-11-28' AS day, CAST('x' AS VARCHAR(4)) AS label, "
                                        "CAST($1 AS DOUBLE PRECISION) AS precise",
                                        {0.1 + 0.2})
                                 .at(0);
            CPPUNIT_ASSERT(row["yes"].type() == typeid(Poco::Int64));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), row.integer("yes"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), row.integer("no"));
            CPPUNIT_ASSERT(row["small"].type() == typeid(Poco::Int64));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(7), row.integer("small"));
            CPPUNIT_ASSERT(row["money"].type() == typeid(double));
            CPPUNIT_ASSERT_DOUBLES_EQUAL(2.25, row.real("money"), 1e-12);
            CPPUNIT_ASSERT(row["single"].type() == typeid(double));
            CPPUNIT_ASSERT_EQUAL(std::string("2026-11-28"), row.text("day"));
            CPPUNIT_ASSERT_EQUAL(std::string("x"), row.text("label"));
            CPPUNIT_ASSERT_EQUAL(0.1 + 0.2, row.real("precise")); // round-trip precision, bit for bit
        });
    }

    void testTextWithNulIsRefusedNotCut() {
        db_->withSession([](sdk::SqlSession& session) {
            CPPUNIT_ASSERT_THROW(session.query("SELECT $1 AS t", {std::string("a\0b", 3)}), sdk::BadRequest);
            CPPUNIT_ASSERT_EQUAL(std::string("ab"),
                                 session.query("SELECT $1 AS t", {std::string("ab")}).at(0).text("t"));
        });
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
                if (session.query("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE pid = $1", {pid})
                        .at(0)
                        .integer("n") == 0)
                    return;
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
            }
            CPPUNIT_FAIL("backend " + std::to_string(pid) + " did not exit");
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PostgresDatabaseTest);

} // namespace motel::host::test
