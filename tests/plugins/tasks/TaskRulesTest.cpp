#include "TaskRules.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::ValidationError;
using motel::tasks::Completion;
using motel::tasks::Task;
using motel::tasks::TaskChange;
using motel::tasks::TaskRules;

namespace {
Task maintenance() {
    Task task;
    task.id = 1;
    task.type = "maintenance";
    task.title = "Fix the shower";
    task.suiteId = 4;
    task.blocksSuite = true;
    return task;
}

std::vector<std::string> problemsOf(const Task& task) {
    try {
        TaskRules::checkBlocking(task);
    } catch (const ValidationError& error) {
        return error.messages();
    }
    return {};
}
} // namespace

class TaskRulesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TaskRulesTest);
    CPPUNIT_TEST(blocksSuiteNeedsMaintenanceAndASuite);
    CPPUNIT_TEST(applyChangeSetsAndClearsFields);
    CPPUNIT_TEST(outcomeOnlyForInspections);
    CPPUNIT_TEST(differIgnoresVersionAndTimestamps);
    CPPUNIT_TEST_SUITE_END();

public:
    void blocksSuiteNeedsMaintenanceAndASuite() {
        CPPUNIT_ASSERT(problemsOf(maintenance()).empty());
        Task cleaning = maintenance();
        cleaning.type = "cleaning";
        CPPUNIT_ASSERT_EQUAL(std::string("blocksSuite requires type maintenance"), problemsOf(cleaning).at(0));
        Task nowhere = maintenance();
        nowhere.suiteId.reset();
        CPPUNIT_ASSERT_EQUAL(std::string("blocksSuite requires a suiteId"), problemsOf(nowhere).at(0));
        Task notBlocking = nowhere;
        notBlocking.blocksSuite = false;
        notBlocking.type = "other";
        CPPUNIT_ASSERT(problemsOf(notBlocking).empty());
    }

    void applyChangeSetsAndClearsFields() {
        Task task = maintenance();
        task.assigneeId = 3;
        task.dueAt = "2026-01-01T09:30:00.000Z";
        TaskChange change;
        change.assigneeId = std::optional<std::int64_t>();
        change.priority = "urgent";
        change.title = "Fix the shower head";
        const Task next = TaskRules::applyChange(task, change);
        CPPUNIT_ASSERT(!next.assigneeId);
        CPPUNIT_ASSERT_EQUAL(std::string("urgent"), next.priority);
        CPPUNIT_ASSERT_EQUAL(std::string("Fix the shower head"), next.title);
        CPPUNIT_ASSERT(next.dueAt); // absent fields stay
    }

    void outcomeOnlyForInspections() {
        Task cleaning = maintenance();
        cleaning.type = "cleaning";
        Completion completion;
        TaskRules::checkCompletion(cleaning, completion);
        completion.outcome = "pass";
        CPPUNIT_ASSERT_THROW(TaskRules::checkCompletion(cleaning, completion), ValidationError);
        Task inspection = cleaning;
        inspection.type = "inspection";
        TaskRules::checkCompletion(inspection, completion);
    }

    void differIgnoresVersionAndTimestamps() {
        Task a = maintenance();
        Task b = a;
        b.version = 9;
        b.updatedAt = "later";
        CPPUNIT_ASSERT(!TaskRules::differ(a, b));
        b.description = std::string("more detail");
        CPPUNIT_ASSERT(TaskRules::differ(a, b));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskRulesTest);
