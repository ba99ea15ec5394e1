#include "TaskInput.h"

#include <motel/sdk/Errors.h>

#include "RequestBodies.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::Request;
using motel::sdk::ValidationError;
using motel::tasks::TaskAction;
using motel::tasks::TaskInput;

using motel::test::contains;
using motel::test::problemsOf;
using motel::test::withBody;

class TaskInputTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TaskInputTest);
    CPPUNIT_TEST(newTaskGetsTheDefaults);
    CPPUNIT_TEST(titleAndTypeAreRequired);
    CPPUNIT_TEST(statusIsRefusedOnCreateAndPatch);
    CPPUNIT_TEST(dueAtIsNormalised);
    CPPUNIT_TEST(onlyCompleteTakesOutcomeAndNote);
    CPPUNIT_TEST_SUITE_END();

public:
    void newTaskGetsTheDefaults() {
        const auto task = TaskInput::readNew(withBody(R"({"type":"cleaning","title":"Clean 101"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("normal"), task.priority);
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), task.status);
        CPPUNIT_ASSERT(!task.assigneeId && !task.dueAt && !task.suiteId && !task.description);
        CPPUNIT_ASSERT(!task.blocksSuite);
    }

    void titleAndTypeAreRequired() {
        const auto problems = problemsOf([] { TaskInput::readNew(withBody("{}")); });
        CPPUNIT_ASSERT(contains(problems, "title must not be empty"));
        CPPUNIT_ASSERT(contains(problems, "type must not be empty"));
        const auto bad =
            problemsOf([] { TaskInput::readNew(withBody(R"({"type":"party","title":"x","priority":"asap"})")); });
        CPPUNIT_ASSERT(
            contains(bad, "type must be one of the following values: cleaning, inspection, maintenance, other"));
        CPPUNIT_ASSERT(contains(bad, "priority must be one of the following values: low, normal, high, urgent"));
    }

    void statusIsRefusedOnCreateAndPatch() {
        CPPUNIT_ASSERT(contains(
            problemsOf([] { TaskInput::readNew(withBody(R"({"type":"other","title":"x","status":"completed"})")); }),
            "property status should not exist"));
        CPPUNIT_ASSERT(contains(problemsOf([] { TaskInput::readChange(withBody(R"({"status":"completed"})")); }),
                                "property status should not exist"));
    }

    void dueAtIsNormalised() {
        const auto task =
            TaskInput::readNew(withBody(R"({"type":"other","title":"x","dueAt":"2026-01-01T10:30:00+01:00"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-01-01T09:30:00.000Z"), *task.dueAt);
        CPPUNIT_ASSERT(contains(problemsOf([] { TaskInput::readChange(withBody(R"({"dueAt":"tomorrow"})")); }),
                                "dueAt must be a valid ISO 8601 date string"));
    }

    void onlyCompleteTakesOutcomeAndNote() {
        const auto completion =
            TaskInput::readAction(withBody(R"({"outcome":"fail","note":"dusty"})"), TaskAction::complete);
        CPPUNIT_ASSERT_EQUAL(std::string("fail"), *completion.outcome);
        CPPUNIT_ASSERT_EQUAL(std::string("dusty"), *completion.note);
        CPPUNIT_ASSERT(!TaskInput::readAction(withBody(""), TaskAction::complete).given());
        CPPUNIT_ASSERT(
            contains(problemsOf([] { TaskInput::readAction(withBody(R"({"outcome":"pass"})"), TaskAction::start); }),
                     "property outcome should not exist"));
        CPPUNIT_ASSERT(contains(
            problemsOf([] { TaskInput::readAction(withBody(R"({"outcome":"maybe"})"), TaskAction::complete); }),
            "outcome must be one of the following values: pass, fail"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskInputTest);
