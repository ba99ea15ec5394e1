#pragma once
// What MigrationRunner promises, checked the same way on SQLite and
// PostgreSQL: SqliteMigrationRunnerTest and PostgresMigrationRunnerTest
// derive from this abstract suite and only say how to get a fresh database.

#include "db/MigrationRunner.h"
#include "db/SqlDatabase.h"

#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <string>

namespace motel::host::test {

class MigrationRunnerContract : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MigrationRunnerContract);
    CPPUNIT_TEST(testAppliesInVersionOrderAndRecordsThem);
    CPPUNIT_TEST(testSecondRunAppliesNothing);
    CPPUNIT_TEST(testOnlyPendingMigrationsApplyLater);
    CPPUNIT_TEST(testPluginsHaveTheirOwnVersions);
    CPPUNIT_TEST(testChangedMigrationIsRefused);
    CPPUNIT_TEST(testFailingMigrationLeavesNothingBehind);
    CPPUNIT_TEST(testScriptsWithSeveralStatementsAndQuotedSemicolons);
    CPPUNIT_TEST(testClashingVersionsAreRefused);
    CPPUNIT_TEST(testTwoRunnersAtOnceApplyEachMigrationOnce);
    CPPUNIT_TEST_SUITE_END_ABSTRACT();

public:
    void setUp() override;
    void tearDown() override;

    void testAppliesInVersionOrderAndRecordsThem();
    void testSecondRunAppliesNothing();
    void testOnlyPendingMigrationsApplyLater();
    void testPluginsHaveTheirOwnVersions();
    void testChangedMigrationIsRefused();
    void testFailingMigrationLeavesNothingBehind();
    void testScriptsWithSeveralStatementsAndQuotedSemicolons();
    void testClashingVersionsAreRefused();
    void testTwoRunnersAtOnceApplyEachMigrationOnce();

protected:
    virtual std::string freshDatabaseUrl() = 0;
    virtual void dropDatabase() {}

    std::unique_ptr<SqlDatabase> open();
    std::vector<std::string> migrate(SqlDatabase& database, const std::vector<MigrationRunner::PluginMigrations>& plan);
    std::int64_t count(const std::string& sql);

    std::string url_;
    std::unique_ptr<SqlDatabase> db_;
};

} // namespace motel::host::test
