// MigrationRunner on PostgreSQL (a fresh database on the fixture server per
// test); two runners at once exercise the advisory lock.
#include "MigrationRunnerContract.h"

#include "support/TestPostgres.h"

namespace motel::host::test {

class PostgresMigrationRunnerTest : public MigrationRunnerContract {
    CPPUNIT_TEST_SUB_SUITE(PostgresMigrationRunnerTest, MigrationRunnerContract);
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return motel::test::freshPostgresDatabase(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PostgresMigrationRunnerTest);

} // namespace motel::host::test
