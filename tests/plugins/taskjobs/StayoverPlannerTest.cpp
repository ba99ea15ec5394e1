// The `suites.stayover` job on a real SQLite database: one pending cleaning
// task per occupied suite and day, none for vacant suites or suites that
// already have an open cleaning task from today, none on a second run or
// from a concurrent run.
#include "StayoverPlanner.h"
#include "TaskBoard.h"

#include <motel/sdk/Time.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;

class StayoverPlannerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StayoverPlannerTest);
    CPPUNIT_TEST(eachOccupiedSuiteGetsOneCleaningADay);
    CPPUNIT_TEST(twoConcurrentRunsCreateOneTaskPerSuite);
    CPPUNIT_TEST_SUITE_END();

public:
    void eachOccupiedSuiteGetsOneCleaningADay() {
        testing::TaskBoard board;
        tasks::StayoverPlanner job(*board.database, *board.events, *board.counters);
        const auto stay = board.suite("101", "occupied");
        const auto cleaned = board.suite("102", "occupied");
        const auto vacant = board.suite("103", "vacant");
        board.task("cleaning", cleaned.id, std::nullopt); // an open cleaning from today
        board.take("");

        CPPUNIT_ASSERT_EQUAL(1, job.run(sdk::nowTimestamp()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), board.take("task.created").size());
        tasks::TaskFilters filters;
        filters.suiteId = stay.id;
        const auto page = board.taskService->list(filters);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.items.size());
        const auto& created = page.items.front();
        CPPUNIT_ASSERT_EQUAL(std::string("Stayover clean suite 101"), created.title);
        CPPUNIT_ASSERT_EQUAL(std::string("cleaning"), created.type);
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), created.status);
        CPPUNIT_ASSERT(!created.assigneeId);
        filters.suiteId = vacant.id;
        CPPUNIT_ASSERT(board.taskService->list(filters).items.empty());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), board.suiteService->get(stay.id).version); // the suite is untouched

        // Even once today's stayover task is done, today brings no second one.
        board.taskService->act(created.id, tasks::TaskAction::start, {}, board.manager, std::nullopt);
        board.taskService->act(created.id, tasks::TaskAction::complete, {}, board.manager, std::nullopt);
        board.take("");
        CPPUNIT_ASSERT_EQUAL(0, job.run(sdk::nowTimestamp()));
        CPPUNIT_ASSERT(board.take("task.created").empty());
    }

    void twoConcurrentRunsCreateOneTaskPerSuite() {
        testing::TaskBoard board;
        const int suites = 10;
        for (int i = 0; i < suites; ++i) board.suite(std::to_string(200 + i), "occupied");
        board.take("");
        tasks::StayoverPlanner hostA(*board.database, *board.events, *board.counters);
        tasks::StayoverPlanner hostB(*board.database, *board.events, *board.counters);
        CPPUNIT_ASSERT_EQUAL(suites, testing::runOnTwoHostsAtOnce(hostA, hostB, sdk::nowTimestamp()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(suites), board.take("task.created").size());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(suites), board.taskService->list(tasks::TaskFilters{}).total);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StayoverPlannerTest);
