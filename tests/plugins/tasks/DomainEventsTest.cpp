// SuiteService and TaskService together on a real SQLite database (the
// host's SqlDatabase and event bus): which events each change publishes,
// with which payload, only after commit — and that a change whose effect
// fails leaves nothing behind.
#include "DomainServices.h"
#include "SuiteJson.h"
#include "TaskJson.h"

#include <motel/sdk/Errors.h>
#include <motel/sdk/testing/Callers.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;
using motel::test::textOf;

namespace {

/// Hooks that fail, to prove the suite change rolls back with them.
class FailingHooks : public suites::SuiteTaskHooks {
public:
    void suiteCheckedOut(sdk::SqlSession&, const suites::Suite&, const suites::ChangeOrigin&) override {
        throw std::runtime_error("the board is on fire");
    }
    void suiteDeleting(sdk::SqlSession&, const suites::Suite&, const suites::ChangeOrigin&) override {}
};

} // namespace

class DomainEventsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DomainEventsTest);
    CPPUNIT_TEST(eachChangePublishesItsEventsAfterCommit);
    CPPUNIT_TEST(statusChangesAndCheckInsHaveIntentEvents);
    CPPUNIT_TEST(aFailingEffectLeavesNothingBehind);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        domain_ = std::make_unique<test::DomainServices>();
        suites_ = domain_->suiteService;
        tasks_ = domain_->taskService;
    }

    void tearDown() override {
        tasks_.reset();
        suites_.reset();
        domain_.reset();
    }

    void eachChangePublishesItsEventsAfterCommit() {
        suites::Suite draft;
        draft.number = "101";
        draft.floor = 1;
        draft.occupancy = "occupied";
        const auto suite = suites_->create(draft);
        auto events = take({"suite.created"});
        CPPUNIT_ASSERT_EQUAL(textOf(suites::SuiteJson::object(suite)), events[0].second);

        suites::SuiteChange checkOut;
        checkOut.occupancy = "vacant";
        const auto vacated = suites_->change(suite.id, checkOut, manager_, std::nullopt);
        // The intent event follows the suite's update with the same payload.
        events = take({"suite.updated", "suite.checkedOut", "task.created"});
        CPPUNIT_ASSERT_EQUAL(textOf(suites::SuiteJson::object(vacated)), events[0].second);
        CPPUNIT_ASSERT_EQUAL(events[0].second, events[1].second);
        const auto board = tasks_->list(tasks::TaskFilters{});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), board.items.size());
        const auto cleaning = board.items.front();
        CPPUNIT_ASSERT_EQUAL(textOf(tasks::TaskJson::object(cleaning)), events[2].second);

        const auto started = tasks_->act(cleaning.id, tasks::TaskAction::start, {}, manager_, std::nullopt);
        events = take({"task.updated", "task.assigned"}); // the unassigned task became the caller's
        CPPUNIT_ASSERT_EQUAL(textOf(tasks::TaskJson::object(started)), events[1].second);

        CPPUNIT_ASSERT_THROW(tasks_->act(cleaning.id, tasks::TaskAction::start, {}, manager_, std::nullopt),
                             sdk::Conflict);
        take({});

        tasks_->act(cleaning.id, tasks::TaskAction::complete, {}, manager_, std::nullopt);
        take({"task.updated", "task.completed", "suite.updated"});

        suites_->remove(suite.id, manager_, std::nullopt);
        events = take({"task.updated", "suite.deleted"}); // the closed task lets go of its suite
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"id":)" + std::to_string(suite.id) + "}"), events[1].second);
    }

    void statusChangesAndCheckInsHaveIntentEvents() {
        suites::Suite draft;
        draft.number = "103";
        draft.floor = 1;
        draft.occupancy = "occupied";
        const auto suite = suites_->create(draft);
        suites::SuiteChange checkOut;
        checkOut.occupancy = "vacant";
        suites_->change(suite.id, checkOut, manager_, std::nullopt);
        take({"suite.created", "suite.updated", "suite.checkedOut", "task.created"});
        const auto cleaning = tasks_->list(tasks::TaskFilters{}).items.front();

        tasks_->act(cleaning.id, tasks::TaskAction::cancel, {}, manager_, std::nullopt);
        auto events = take({"task.updated", "task.cancelled"});
        CPPUNIT_ASSERT_EQUAL(events[0].second, events[1].second);
        tasks_->act(cleaning.id, tasks::TaskAction::reopen, {}, manager_, std::nullopt);
        take({"task.updated", "task.reopened"});
        tasks_->act(cleaning.id, tasks::TaskAction::start, {}, manager_, std::nullopt);
        take({"task.updated", "task.assigned"}); // starting is no intent of its own

        suites::SuiteChange checkIn;
        checkIn.occupancy = "occupied";
        suites_->change(suite.id, checkIn, manager_, std::nullopt);
        take({"suite.updated", "suite.checkedIn"});
    }

    void aFailingEffectLeavesNothingBehind() {
        suites::Suite draft;
        draft.number = "102";
        draft.floor = 1;
        draft.occupancy = "occupied";
        const auto suite = suites_->create(draft);
        take({"suite.created"});
        suites_->setTaskHooks(std::make_shared<FailingHooks>());
        suites::SuiteChange checkOut;
        checkOut.occupancy = "vacant";
        CPPUNIT_ASSERT_THROW(suites_->change(suite.id, checkOut, manager_, std::nullopt), std::runtime_error);
        const auto after = suites_->get(suite.id);
        CPPUNIT_ASSERT_EQUAL(std::string("occupied"), after.occupancy);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), after.version);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), suites_->history(suite.id, 50, 0).total);
        take({});
    }

private:
    std::unique_ptr<test::DomainServices> domain_;
    std::shared_ptr<suites::SuiteService> suites_;
    std::shared_ptr<tasks::TaskService> tasks_;
    sdk::Principal manager_ = sdk::testing::caller(1, "m@x", "M", "manager");

    /// The events since the last call (asserting their topics), forgotten after.
    std::vector<std::pair<std::string, std::string>> take(const std::vector<std::string>& topics) {
        std::vector<std::string> seen;
        std::string list;
        auto events = domain_->takeEvents();
        for (const auto& [topic, payload] : events) {
            seen.push_back(topic);
            list += topic + " ";
        }
        CPPUNIT_ASSERT_MESSAGE(list, topics == seen);
        return events;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DomainEventsTest);
