// The suites and tasks scenarios on the embedded SQLite database.
#include "SuiteApiScenarios.h"
#include "TaskApiScenarios.h"
#include "TaskDirectoryScenarios.h"
#include "TaskEffectScenarios.h"

namespace motel::test {

class SuiteApiSqliteTest : public SuiteApiScenarios {
    CPPUNIT_TEST_SUITE(SuiteApiSqliteTest);
    MOTEL_SUITE_API_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return scratchSqliteUrl(); }
};

class TaskApiSqliteTest : public TaskApiScenarios {
    CPPUNIT_TEST_SUITE(TaskApiSqliteTest);
    MOTEL_TASK_API_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return scratchSqliteUrl(); }
};

class TaskEffectSqliteTest : public TaskEffectScenarios {
    CPPUNIT_TEST_SUITE(TaskEffectSqliteTest);
    MOTEL_TASK_EFFECT_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return scratchSqliteUrl(); }
};

class TaskDirectorySqliteTest : public TaskDirectoryScenarios {
    CPPUNIT_TEST_SUITE(TaskDirectorySqliteTest);
    MOTEL_TASK_DIRECTORY_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return scratchSqliteUrl(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SuiteApiSqliteTest);
CPPUNIT_TEST_SUITE_REGISTRATION(TaskApiSqliteTest);
CPPUNIT_TEST_SUITE_REGISTRATION(TaskEffectSqliteTest);
CPPUNIT_TEST_SUITE_REGISTRATION(TaskDirectorySqliteTest);

} // namespace motel::test
