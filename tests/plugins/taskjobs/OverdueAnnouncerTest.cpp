// The `tasks.overdue` job on a real SQLite database: each overdue open task
// is announced once (not again on the next run, not twice by two concurrent
// runs), again after a dueAt change or a reopen, and the gauge counts them.
#include "OverdueAnnouncer.h"
#include "TaskBoard.h"
#include "TaskJson.h"

#include <motel/sdk/Time.h>

#include <cppunit/extensions/HelperMacros.h>

#include <set>

using namespace motel;

namespace {

std::string hoursFromNow(int hours) {
    return sdk::formatTimestamp(Poco::Timestamp() + Poco::Timespan(hours * Poco::Timespan::HOURS));
}

bool hasLine(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

} // namespace

class OverdueAnnouncerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OverdueAnnouncerTest);
    CPPUNIT_TEST(anOverdueTaskIsAnnouncedOnce);
    CPPUNIT_TEST(aNewDueTimeOrAReopenAnnouncesAgain);
    CPPUNIT_TEST(twoConcurrentRunsAnnounceEachTaskOnce);
    CPPUNIT_TEST_SUITE_END();

public:
    void anOverdueTaskIsAnnouncedOnce() {
        testing::TaskBoard board;
        tasks::OverdueAnnouncer job(*board.database, *board.events, *board.metrics);
        const auto late = board.task("other", std::nullopt, hoursFromNow(-1));
        board.task("other", std::nullopt, hoursFromNow(2)); // not due yet
        board.task("other", std::nullopt, std::nullopt);    // no due time
        const auto done = board.task("other", std::nullopt, hoursFromNow(-3));
        board.taskService->act(done.id, tasks::TaskAction::start, {}, board.manager, std::nullopt);
        board.taskService->act(done.id, tasks::TaskAction::complete, {}, board.manager, std::nullopt);
        board.take("");

        CPPUNIT_ASSERT_EQUAL(1, job.run(sdk::nowTimestamp()));
        const auto announced = board.take("task.overdue");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), announced.size());
        CPPUNIT_ASSERT_EQUAL(test::textOf(tasks::TaskJson::object(board.taskService->get(late.id))), announced[0]);
        CPPUNIT_ASSERT_EQUAL(late.version, board.taskService->get(late.id).version); // announcing is not a change
        const std::string text = board.metrics->renderPrometheus();
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "motel_tasks_overdue 1"));

        CPPUNIT_ASSERT_EQUAL(0, job.run(sdk::nowTimestamp()));
        CPPUNIT_ASSERT(board.take("task.overdue").empty());
        CPPUNIT_ASSERT_MESSAGE("second run", hasLine(board.metrics->renderPrometheus(), "motel_tasks_overdue 1"));
    }

    void aNewDueTimeOrAReopenAnnouncesAgain() {
        testing::TaskBoard board;
        tasks::OverdueAnnouncer job(*board.database, *board.events, *board.metrics);
        const auto late = board.task("other", std::nullopt, hoursFromNow(-1));
        CPPUNIT_ASSERT_EQUAL(1, job.run(sdk::nowTimestamp()));

        tasks::TaskChange change;
        change.dueAt = std::optional<std::string>(hoursFromNow(-2));
        board.taskService->change(late.id, change, board.manager, std::nullopt);
        CPPUNIT_ASSERT_EQUAL(1, job.run(sdk::nowTimestamp()));
        CPPUNIT_ASSERT_EQUAL(0, job.run(sdk::nowTimestamp()));

        board.taskService->act(late.id, tasks::TaskAction::cancel, {}, board.manager, std::nullopt);
        CPPUNIT_ASSERT_EQUAL(0, job.run(sdk::nowTimestamp()));
        CPPUNIT_ASSERT_MESSAGE("closed", hasLine(board.metrics->renderPrometheus(), "motel_tasks_overdue 0"));
        board.taskService->act(late.id, tasks::TaskAction::reopen, {}, board.manager, std::nullopt);
        board.take("");
        CPPUNIT_ASSERT_EQUAL(1, job.run(sdk::nowTimestamp()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), board.take("task.overdue").size());
    }

    void twoConcurrentRunsAnnounceEachTaskOnce() {
        testing::TaskBoard board;
        const int count = 30;
        for (int i = 0; i < count; ++i) board.task("other", std::nullopt, hoursFromNow(-1));
        board.take("");
        tasks::OverdueAnnouncer hostA(*board.database, *board.events, *board.metrics);
        tasks::OverdueAnnouncer hostB(*board.database, *board.events, *board.metrics);
        CPPUNIT_ASSERT_EQUAL(count, testing::runOnTwoHostsAtOnce(hostA, hostB, sdk::nowTimestamp()));
        const auto announced = board.take("task.overdue");
        CPPUNIT_ASSERT_EQUAL(std::size_t(count), announced.size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(count), std::set<std::string>(announced.begin(), announced.end()).size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OverdueAnnouncerTest);
