// MigrationRunner on SQLite (a fresh file per test).
#include "MigrationRunnerContract.h"

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

namespace motel::host::test {

class SqliteMigrationRunnerTest : public MigrationRunnerContract {
    CPPUNIT_TEST_SUB_SUITE(SqliteMigrationRunnerTest, MigrationRunnerContract);
    CPPUNIT_TEST(testTheRunsStatementsAreNotKeptAfterIt);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheRunsStatementsAreNotKeptAfterIt() {
        migrate(*db_, {{"rooms",
                        {{1, "create_rooms", "CREATE TABLE rooms (id {{id}}, name TEXT NOT NULL)"},
                         {2, "index_rooms", "CREATE INDEX rooms_name ON rooms (name)"}}}});
        // Each statement ran once and never runs again: none stays prepared.
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), db_->poolStats().idleCachedStatements);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), count("SELECT COUNT(*) AS n FROM rooms"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), count("SELECT COUNT(*) AS n FROM schema_migrations"));
    }

protected:
    std::string freshDatabaseUrl() override {
        folder_ = Poco::TemporaryFile::tempName();
        Poco::File(folder_).createDirectories();
        return "sqlite:" + folder_ + "/migrations.db";
    }
    void dropDatabase() override {
        if (!folder_.empty()) Poco::File(folder_).remove(true);
    }

private:
    std::string folder_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteMigrationRunnerTest);

} // namespace motel::host::test
