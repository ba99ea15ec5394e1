#include "TaskSeeder.h"
#include "TaskRules.h"

#include <cppunit/extensions/HelperMacros.h>

#include <set>

using motel::tasks::SeedSuite;
using motel::tasks::TaskRules;
using motel::tasks::TaskSeeder;

class TaskSeederTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TaskSeederTest);
    CPPUNIT_TEST(boardMatchesTheSuites);
    CPPUNIT_TEST_SUITE_END();

public:
    void boardMatchesTheSuites() {
        const std::vector<SeedSuite> suites{{1, "101", "vacant", "dirty", "in_service"},
                                            {2, "102", "vacant", "clean", "out_of_order"},
                                            {3, "103", "occupied", "inspected", "in_service"},
                                            {4, "104", "vacant", "clean", "in_service"}};
        const auto tasks = TaskSeeder::demoTasks(suites, {11, 12, 13}, 10, Poco::Timestamp());
        std::set<std::string> statuses;
        bool blocking = false;
        for (const auto& task : tasks) {
            TaskRules::checkBlocking(task); // every seeded task obeys the API's rules
            statuses.insert(task.status);
            if (task.blocksSuite) {
                blocking = true;
                CPPUNIT_ASSERT_EQUAL(std::int64_t(2), *task.suiteId);
                CPPUNIT_ASSERT(task.isOpen());
            }
            if (task.status == "in_progress") CPPUNIT_ASSERT(task.assigneeId && task.startedAt);
            if (task.status == "completed") CPPUNIT_ASSERT(task.completedAt);
            if (task.outcome) CPPUNIT_ASSERT_EQUAL(std::string("inspection"), task.type);
            CPPUNIT_ASSERT(!task.createdAt.empty());
        }
        CPPUNIT_ASSERT(blocking);
        CPPUNIT_ASSERT(statuses.count("pending") && statuses.count("completed"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskSeederTest);
