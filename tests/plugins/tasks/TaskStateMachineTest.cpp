#include "TaskStateMachine.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

#include <map>

using motel::sdk::Conflict;
using motel::tasks::Task;
using motel::tasks::TaskAction;
using motel::tasks::TaskStateMachine;

namespace {
Task taskIn(const std::string& status) {
    Task task;
    task.id = 5;
    task.type = "cleaning";
    task.title = "Clean suite 101";
    task.status = status;
    return task;
}
const std::string kNow = "2026-01-01T09:30:00.000Z";
} // namespace

class TaskStateMachineTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TaskStateMachineTest);
    CPPUNIT_TEST(allowsExactlyTheDocumentedTransitions);
    CPPUNIT_TEST(startSetsStartedAtAndTakesAnUnassignedTask);
    CPPUNIT_TEST(startKeepsAnExistingAssignee);
    CPPUNIT_TEST(completeSetsCompletedAt);
    CPPUNIT_TEST(releaseClearsStartedAtAndKeepsAssignee);
    CPPUNIT_TEST(reopenClearsTimesAndOutcome);
    CPPUNIT_TEST(invalidTransitionIsConflictNamingTheState);
    CPPUNIT_TEST(onlyCancelAndReopenAreForManagers);
    CPPUNIT_TEST_SUITE_END();

public:
    void allowsExactlyTheDocumentedTransitions() {
        const std::map<std::pair<TaskAction, std::string>, std::string> allowed{
            {{TaskAction::start, "pending"}, "in_progress"},    {{TaskAction::complete, "in_progress"}, "completed"},
            {{TaskAction::release, "in_progress"}, "pending"},  {{TaskAction::cancel, "pending"}, "cancelled"},
            {{TaskAction::cancel, "in_progress"}, "cancelled"}, {{TaskAction::reopen, "completed"}, "pending"},
            {{TaskAction::reopen, "cancelled"}, "pending"},
        };
        for (const auto action :
             {TaskAction::start, TaskAction::complete, TaskAction::release, TaskAction::cancel, TaskAction::reopen}) {
            for (const std::string status : {"pending", "in_progress", "completed", "cancelled"}) {
                const auto expected = allowed.find({action, status});
                const auto target = TaskStateMachine::target(action, status);
                if (expected == allowed.end()) {
                    CPPUNIT_ASSERT_MESSAGE(std::string(TaskStateMachine::name(action)) + " from " + status, !target);
                } else {
                    CPPUNIT_ASSERT(target);
                    CPPUNIT_ASSERT_EQUAL(expected->second, *target);
                }
            }
        }
    }

    void startSetsStartedAtAndTakesAnUnassignedTask() {
        const Task next = TaskStateMachine::apply(taskIn("pending"), TaskAction::start, 42, kNow);
        CPPUNIT_ASSERT_EQUAL(std::string("in_progress"), next.status);
        CPPUNIT_ASSERT_EQUAL(kNow, *next.startedAt);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(42), *next.assigneeId);
    }

    void startKeepsAnExistingAssignee() {
        Task task = taskIn("pending");
        task.assigneeId = 7;
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7), *TaskStateMachine::apply(task, TaskAction::start, 42, kNow).assigneeId);
    }

    void completeSetsCompletedAt() {
        Task task = taskIn("in_progress");
        task.startedAt = "2026-01-01T09:00:00.000Z";
        const Task next = TaskStateMachine::apply(task, TaskAction::complete, 42, kNow);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), next.status);
        CPPUNIT_ASSERT_EQUAL(kNow, *next.completedAt);
        CPPUNIT_ASSERT(next.startedAt);
    }

    void releaseClearsStartedAtAndKeepsAssignee() {
        Task task = taskIn("in_progress");
        task.startedAt = kNow;
        task.assigneeId = 7;
        const Task next = TaskStateMachine::apply(task, TaskAction::release, 7, kNow);
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), next.status);
        CPPUNIT_ASSERT(!next.startedAt);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7), *next.assigneeId);
    }

    void reopenClearsTimesAndOutcome() {
        Task task = taskIn("completed");
        task.type = "inspection";
        task.startedAt = kNow;
        task.completedAt = kNow;
        task.outcome = "fail";
        task.outcomeNote = "hair in the sink";
        task.assigneeId = 7;
        const Task next = TaskStateMachine::apply(task, TaskAction::reopen, 1, kNow);
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), next.status);
        CPPUNIT_ASSERT(!next.startedAt && !next.completedAt && !next.outcome && !next.outcomeNote);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7), *next.assigneeId);
    }

    void invalidTransitionIsConflictNamingTheState() {
        try {
            TaskStateMachine::apply(taskIn("pending"), TaskAction::complete, 1, kNow);
            CPPUNIT_FAIL("complete from pending was allowed");
        } catch (const Conflict& conflict) {
            CPPUNIT_ASSERT_EQUAL(409, conflict.status());
            CPPUNIT_ASSERT_EQUAL(std::string("Cannot complete task 5: it is pending"), conflict.messages().front());
        }
    }

    void onlyCancelAndReopenAreForManagers() {
        CPPUNIT_ASSERT(TaskStateMachine::managersOnly(TaskAction::cancel));
        CPPUNIT_ASSERT(TaskStateMachine::managersOnly(TaskAction::reopen));
        CPPUNIT_ASSERT(!TaskStateMachine::managersOnly(TaskAction::start));
        CPPUNIT_ASSERT(!TaskStateMachine::managersOnly(TaskAction::complete));
        CPPUNIT_ASSERT(!TaskStateMachine::managersOnly(TaskAction::release));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskStateMachineTest);
