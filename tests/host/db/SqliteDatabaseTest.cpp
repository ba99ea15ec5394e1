// The sdk::Database contract on SQLite (a fresh file per test), plus what is
// particular to SQLite.
#include "SqlDatabaseContract.h"

#include "db/DatabaseErrors.h"
#include "db/DatabaseUrl.h"

#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/TemporaryFile.h>

namespace motel::host::test {

class SqliteDatabaseTest : public SqlDatabaseContract {
    CPPUNIT_TEST_SUB_SUITE(SqliteDatabaseTest, SqlDatabaseContract);
    CPPUNIT_TEST(testRelativePathIsResolvedAndFolderCreated);
    CPPUNIT_TEST(testConnectionsUseWalAndForeignKeys);
    CPPUNIT_TEST(testInMemoryDatabaseIsShared);
    CPPUNIT_TEST(testReleasedMemoryIsPreparedAgainWhenNeeded);
    CPPUNIT_TEST_SUITE_END();

public:
    void testRelativePathIsResolvedAndFolderCreated() {
        const auto url = DatabaseUrl::parse("sqlite:nested/deeper/app.db", folder_);
        SqlDatabase database(url, {}, Poco::Logger::get("motel.db.test"));
        database.withSession([](sdk::SqlSession& session) { session.execute("CREATE TABLE t (x INTEGER)"); });
        CPPUNIT_ASSERT(Poco::File(folder_ + "/nested/deeper/app.db").exists());
    }

    void testConnectionsUseWalAndForeignKeys() {
        db_->withSession([](sdk::SqlSession& session) {
            CPPUNIT_ASSERT_EQUAL(std::string("wal"), session.query("PRAGMA journal_mode").at(0).text("journal_mode"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), session.query("PRAGMA foreign_keys").at(0).integer("foreign_keys"));
            session.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            session.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))");
            CPPUNIT_ASSERT_THROW(session.execute("INSERT INTO child (parent_id) VALUES ($1)", {Poco::Int64(42)}),
                                 DatabaseError);
        });
    }

    void testInMemoryDatabaseIsShared() {
        SqlDatabase database(DatabaseUrl::parse("sqlite::memory:"), {}, Poco::Logger::get("motel.db.test"));
        database.withSession([](sdk::SqlSession& session) { session.execute("CREATE TABLE t (x INTEGER)"); });
        database.transaction([](sdk::SqlSession& tx) { tx.execute("INSERT INTO t (x) VALUES ($1)", {7}); });
        database.withSession([](sdk::SqlSession& session) {
            CPPUNIT_ASSERT_EQUAL(std::int64_t(7), session.query("SELECT x FROM t").at(0).integer("x"));
        });
        CPPUNIT_ASSERT_EQUAL(1, database.poolStats().capacity);
    }

    void testReleasedMemoryIsPreparedAgainWhenNeeded() {
        createItems(*db_);
        insertItem(*db_, "kept");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), countItems(*db_));
        CPPUNIT_ASSERT(db_->poolStats().idleCachedStatements > 0);
        db_->releaseIdleMemory();
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), db_->poolStats().idleCachedStatements);
        CPPUNIT_ASSERT_EQUAL(1, db_->poolStats().open); // the connection stays open
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), countItems(*db_));
        insertItem(*db_, "after");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), countItems(*db_));
        CPPUNIT_ASSERT(db_->poolStats().idleCachedStatements > 0);
    }

protected:
    std::string freshDatabaseUrl() override {
        folder_ = Poco::TemporaryFile::tempName();
        Poco::File(folder_).createDirectories();
        return "sqlite:" + folder_ + "/test.db";
    }
    void dropDatabase() override {
        if (!folder_.empty()) Poco::File(folder_).remove(true);
    }

private:
    std::string folder_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteDatabaseTest);

} // namespace motel::host::test
