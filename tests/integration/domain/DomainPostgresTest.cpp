// The suites and tasks scenarios on PostgreSQL (CTest fixture `postgres`).
#include "SuiteApiScenarios.h"
#include "TaskApiScenarios.h"
#include "TaskDirectoryScenarios.h"
#include "TaskEffectScenarios.h"

#include "support/TestPostgres.h"

namespace motel::test {

class SuiteApiPostgresTest : public SuiteApiScenarios {
    CPPUNIT_TEST_SUITE(SuiteApiPostgresTest);
    MOTEL_SUITE_API_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return freshPostgresDatabase(); }
};

class TaskApiPostgresTest : public TaskApiScenarios {
    CPPUNIT_TEST_SUITE(TaskApiPostgresTest);
    MOTEL_TASK_API_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return freshPostgresDatabase(); }
};

class TaskEffectPostgresTest : public TaskEffectScenarios {
    CPPUNIT_TEST_SUITE(TaskEffectPostgresTest);
    MOTEL_TASK_EFFECT_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return freshPostgresDatabase(); }
};

class TaskDirectoryPostgresTest : public TaskDirectoryScenarios {
    CPPUNIT_TEST_SUITE(TaskDirectoryPostgresTest);
    MOTEL_TASK_DIRECTORY_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return freshPostgresDatabase(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SuiteApiPostgresTest);
CPPUNIT_TEST_SUITE_REGISTRATION(TaskApiPostgresTest);
CPPUNIT_TEST_SUITE_REGISTRATION(TaskEffectPostgresTest);
CPPUNIT_TEST_SUITE_REGISTRATION(TaskDirectoryPostgresTest);

} // namespace motel::test
