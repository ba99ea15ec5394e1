// The published TaskDirectory (interface 1.0) over the real services on
// SQLite: create() joins the caller's transaction, applies the rules of
// POST /api/tasks (same messages) and publishes only after commit; find()
// and openTasksOfSuite(); a consumer built against another major is refused
// with both versions named.
#include "DomainServices.h"
#include "TaskDirectoryService.h"

#include "services/ServiceDirectory.h"

#include <motel/sdk/testing/Callers.h>
#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

#include <functional>
#include <stdexcept>

using namespace motel;
using plugins::tasks::NewTask;
using plugins::tasks::TaskDirectory;

namespace {

NewTask maintenanceOf(std::optional<std::int64_t> suiteId, const std::string& title) {
    NewTask draft;
    draft.type = "maintenance";
    draft.title = title;
    draft.suiteId = suiteId;
    return draft;
}

template <class Error> std::vector<std::string> refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& error) {
        return error.messages();
    }
    CPPUNIT_FAIL("no refusal");
    return {};
}

} // namespace

class TaskDirectoryTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TaskDirectoryTest);
    CPPUNIT_TEST(createJoinsTheCallersTransaction);
    CPPUNIT_TEST(createAppliesThePostRules);
    CPPUNIT_TEST(aBlockingTaskTakesItsSuiteOutOfOrder);
    CPPUNIT_TEST(findsTasksAndTheOpenTasksOfASuite);
    CPPUNIT_TEST(anotherMajorIsRefusedNamingBothVersions);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        domain_ = std::make_unique<test::DomainServices>();
        directory_ = std::make_shared<tasks::TaskDirectoryService>(domain_->taskService);
        suites::Suite draft;
        draft.number = "201";
        draft.floor = 2;
        suiteId_ = domain_->suiteService->create(draft).id;
        domain_->takeEvents();
    }

    void tearDown() override {
        directory_.reset();
        domain_.reset();
    }

    void createJoinsTheCallersTransaction() {
        CPPUNIT_ASSERT_THROW(domain_->database->transaction([&](sdk::SqlSession& session) {
            directory_->create(session, maintenanceOf(suiteId_, "Fix the tap"), manager_);
            throw std::runtime_error("the caller's own write failed");
        }),
                             std::runtime_error);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), domain_->taskService->list(tasks::TaskFilters{}).total);
        CPPUNIT_ASSERT(domain_->takeEvents().empty());

        std::optional<tasks::Task> created;
        domain_->database->transaction([&](sdk::SqlSession& session) {
            created = directory_->create(session, maintenanceOf(suiteId_, "Fix the tap"), manager_);
            CPPUNIT_ASSERT_MESSAGE("published before commit", domain_->publishedCount() == 0);
        });
        const auto events = domain_->takeEvents();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
        CPPUNIT_ASSERT_EQUAL(std::string("task.created"), events[0].first);
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), created->status);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), created->createdById.value_or(0));
        CPPUNIT_ASSERT_EQUAL(std::string("normal"), created->priority);
        const auto board = domain_->taskService->list(tasks::TaskFilters{});
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), board.total);
        CPPUNIT_ASSERT_EQUAL(created->id, board.items.front().id);
    }

    void createAppliesThePostRules() {
        const auto within = [this](const NewTask& draft, const sdk::Principal& actor) {
            return [this, draft, actor] {
                domain_->database->transaction(
                    [&](sdk::SqlSession& session) { directory_->create(session, draft, actor); });
            };
        };
        NewTask bad;
        bad.type = "painting";
        bad.title = "";
        bad.priority = "whenever";
        bad.dueAt = "tomorrow";
        const auto problems = refusal<sdk::ValidationError>(within(bad, manager_));
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), problems.size());
        for (const char* field : {"type", "title", "priority", "dueAt"}) {
            bool named = false;
            for (const auto& problem : problems) named = named || problem.find(field) != std::string::npos;
            CPPUNIT_ASSERT_MESSAGE(field, named);
        }

        NewTask blocking = maintenanceOf(std::nullopt, "Fix the tap");
        blocking.blocksSuite = true;
        refusal<sdk::ValidationError>(within(blocking, manager_)); // blocksSuite needs a suite
        NewTask inspection = maintenanceOf(suiteId_, "Look at it");
        inspection.type = "inspection";
        refusal<sdk::Forbidden>(within(inspection, staff_));
        NewTask forSomeoneElse = maintenanceOf(suiteId_, "Fix the tap");
        forSomeoneElse.assigneeId = 1;
        refusal<sdk::Forbidden>(within(forSomeoneElse, staff_));
        CPPUNIT_ASSERT_EQUAL(std::string("Suite 999 not found"),
                             refusal<sdk::NotFound>(within(maintenanceOf(999, "Fix the tap"), manager_)).front());
        NewTask unknownAssignee = maintenanceOf(suiteId_, "Fix the tap");
        unknownAssignee.assigneeId = 77;
        CPPUNIT_ASSERT_EQUAL(std::string("User 77 not found"),
                             refusal<sdk::NotFound>(within(unknownAssignee, manager_)).front());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), domain_->taskService->list(tasks::TaskFilters{}).total);
        CPPUNIT_ASSERT(domain_->takeEvents().empty());
    }

    void aBlockingTaskTakesItsSuiteOutOfOrder() {
        NewTask blocking = maintenanceOf(suiteId_, "Replace the boiler");
        blocking.blocksSuite = true;
        domain_->database->transaction(
            [&](sdk::SqlSession& session) { directory_->create(session, blocking, manager_); });
        CPPUNIT_ASSERT_EQUAL(std::string("out_of_order"), domain_->suiteService->get(suiteId_).serviceState);
    }

    void findsTasksAndTheOpenTasksOfASuite() {
        std::vector<tasks::Task> created;
        domain_->database->transaction([&](sdk::SqlSession& session) {
            for (const char* title : {"One", "Two", "Three"})
                created.push_back(directory_->create(session, maintenanceOf(suiteId_, title), manager_));
            directory_->create(session, maintenanceOf(std::nullopt, "Elsewhere"), manager_);
        });
        domain_->taskService->act(created[1].id, tasks::TaskAction::cancel, {}, manager_, std::nullopt);
        domain_->database->withSession([&](sdk::SqlSession& session) {
            const auto open = directory_->openTasksOfSuite(session, suiteId_);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), open.size());
            CPPUNIT_ASSERT_EQUAL(created[0].id, open[0].id);
            CPPUNIT_ASSERT_EQUAL(created[2].id, open[1].id);
            CPPUNIT_ASSERT_EQUAL(std::string("cancelled"), directory_->find(session, created[1].id)->status);
            CPPUNIT_ASSERT(!directory_->find(session, 424242));
            CPPUNIT_ASSERT(directory_->openTasksOfSuite(session, 999).empty());
        });
    }

    void anotherMajorIsRefusedNamingBothVersions() {
        host::ServiceDirectory services;
        services.publish<TaskDirectory>(directory_);
        CPPUNIT_ASSERT(services.require<TaskDirectory>() == directory_);
        try {
            // What a plugin compiled against a TaskDirectory 2.0 header asks.
            services.findVersioned(TaskDirectory::kServiceName, typeid(TaskDirectory).name(), {2, 0});
            CPPUNIT_FAIL("a 2.0 consumer was accepted");
        } catch (const sdk::ServiceVersionMismatch& e) {
            const std::string message = e.what();
            CPPUNIT_ASSERT_MESSAGE(message, message.find("2.0") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(message, message.find("1.0") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(message, message.find("tasks.directory") != std::string::npos);
        }
        CPPUNIT_ASSERT_THROW(services.findVersioned(TaskDirectory::kServiceName, typeid(TaskDirectory).name(), {1, 1}),
                             sdk::ServiceVersionMismatch);
        services.clear();
    }

private:
    std::unique_ptr<test::DomainServices> domain_;
    std::shared_ptr<tasks::TaskDirectoryService> directory_;
    std::int64_t suiteId_ = 0;
    sdk::Principal manager_ = sdk::testing::caller(1, "m@x", "M", "manager");
    sdk::Principal staff_ = sdk::testing::caller(2, "s@x", "S", "staff");
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskDirectoryTest);
