// MigrationRunner on SQLite (a fresh file per test).
#include "MigrationRunnerContract.h"

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

namespace motel::host::test {

class SqliteMigrationRunnerTest : public MigrationRunnerContract {
    CPPUNIT_TEST_SUB_SUITE(SqliteMigrationRunnerTest, MigrationRunnerContract);
    CPPUNIT_TEST_SUITE_END();

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
