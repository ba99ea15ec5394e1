#pragma once
// What sdk::Database promises plugins, checked the same way on SQLite and
// PostgreSQL: SqliteDatabaseTest and PostgresDatabaseTest derive from this
// abstract suite and only say how to get a fresh, empty database.

#include "db/SqlDatabase.h"

#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <string>

namespace motel::host::test {

class SqlDatabaseContract : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SqlDatabaseContract);
    CPPUNIT_TEST(testCrudWithEveryParameterType);
    CPPUNIT_TEST(testReturningGivesInt64Ids);
    CPPUNIT_TEST(testResultTypesAreNormalised);
    CPPUNIT_TEST(testPlaceholdersBindByNumber);
    CPPUNIT_TEST(testWrongParameterCountIsAnError);
    CPPUNIT_TEST(testTransactionCommits);
    CPPUNIT_TEST(testTransactionRollsBackAndRethrows);
    CPPUNIT_TEST(testAfterCommitRunsOnlyAfterCommit);
    CPPUNIT_TEST(testAfterCommitNeverRunsOnRollback);
    CPPUNIT_TEST(testAfterCommitOutsideTransactionRunsAtOnce);
    CPPUNIT_TEST(testNestedTransactionIsASavepoint);
    CPPUNIT_TEST(testUniqueViolation);
    CPPUNIT_TEST(testNestedCallsReuseTheConnection);
    CPPUNIT_TEST(testConcurrentVersionedUpdateHasOneWinner);
    CPPUNIT_TEST(testExhaustedPoolIsServiceUnavailable);
    CPPUNIT_TEST(testPingAnswers);
    CPPUNIT_TEST(testStatementCacheIsBoundedAndStaysCorrect);
    CPPUNIT_TEST(testConcurrentWritersOfOneDatabaseAllLand);
    CPPUNIT_TEST(testForEachRowReadsWhatQueryReads);
    CPPUNIT_TEST(testTransactionWithoutStatementsCommits);
    CPPUNIT_TEST(testFailedFirstStatementRollsBackAndFreesTheConnection);
    CPPUNIT_TEST_SUITE_END_ABSTRACT();

public:
    void setUp() override;
    void tearDown() override;

    void testCrudWithEveryParameterType();
    void testReturningGivesInt64Ids();
    void testResultTypesAreNormalised();
    void testPlaceholdersBindByNumber();
    void testWrongParameterCountIsAnError();
    void testTransactionCommits();
    void testTransactionRollsBackAndRethrows();
    void testAfterCommitRunsOnlyAfterCommit();
    void testAfterCommitNeverRunsOnRollback();
    void testAfterCommitOutsideTransactionRunsAtOnce();
    void testNestedTransactionIsASavepoint();
    void testUniqueViolation();
    void testNestedCallsReuseTheConnection();
    void testConcurrentVersionedUpdateHasOneWinner();
    void testExhaustedPoolIsServiceUnavailable();
    void testPingAnswers();
    void testStatementCacheIsBoundedAndStaysCorrect();
    void testConcurrentWritersOfOneDatabaseAllLand();
    void testForEachRowReadsWhatQueryReads();
    void testTransactionWithoutStatementsCommits();
    void testFailedFirstStatementRollsBackAndFreesTheConnection();

protected:
    /// The URL of a fresh, empty database (called once per test).
    virtual std::string freshDatabaseUrl() = 0;
    /// Removes what freshDatabaseUrl() created, if anything.
    virtual void dropDatabase() {}

    std::unique_ptr<SqlDatabase> open(SqlDatabaseOptions options = {});
    /// Creates `items` (id, name UNIQUE, quantity, price, active, note, version).
    void createItems(SqlDatabase& database);
    std::int64_t insertItem(SqlDatabase& database, const std::string& name);
    std::int64_t countItems(SqlDatabase& database);

    std::string url_;
    std::unique_ptr<SqlDatabase> db_;
};

} // namespace motel::host::test
