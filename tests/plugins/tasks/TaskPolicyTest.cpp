#include <motel/sdk/testing/Callers.h>
#include "TaskPolicy.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::Forbidden;
using motel::sdk::Principal;
using motel::tasks::Task;
using motel::tasks::TaskAction;
using motel::tasks::TaskPolicy;

namespace {
Principal staff() {
    return motel::sdk::testing::caller(7, "staff1@motel.test", "Staff", "staff");
}
Principal manager() {
    return motel::sdk::testing::caller(2, "manager@motel.test", "Manager", "manager");
}
Task assignedTo(std::optional<std::int64_t> assignee) {
    Task task;
    task.id = 3;
    task.assigneeId = assignee;
    return task;
}
} // namespace

class TaskPolicyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TaskPolicyTest);
    CPPUNIT_TEST(staffCreateUnassignedOrForThemselves);
    CPPUNIT_TEST(staffActOnTheirsOrUnassigned);
    CPPUNIT_TEST(onlyManagersCreateInspectionsAndBlockers);
    CPPUNIT_TEST(managersDoEverything);
    CPPUNIT_TEST_SUITE_END();

public:
    void staffCreateUnassignedOrForThemselves() {
        TaskPolicy::checkCreate(std::nullopt, staff());
        TaskPolicy::checkCreate(7, staff());
        CPPUNIT_ASSERT_THROW(TaskPolicy::checkCreate(8, staff()), Forbidden);
    }

    void onlyManagersCreateInspectionsAndBlockers() {
        Task inspection;
        inspection.type = "inspection";
        Task blocking;
        blocking.type = "maintenance";
        blocking.blocksSuite = true;
        Task maintenance;
        maintenance.type = "maintenance";
        CPPUNIT_ASSERT_THROW(TaskPolicy::checkCreateKind(inspection, staff()), Forbidden);
        CPPUNIT_ASSERT_THROW(TaskPolicy::checkCreateKind(blocking, staff()), Forbidden);
        TaskPolicy::checkCreateKind(maintenance, staff());
        TaskPolicy::checkCreateKind(inspection, manager());
        TaskPolicy::checkCreateKind(blocking, manager());
    }

    void staffActOnTheirsOrUnassigned() {
        for (const auto action : {TaskAction::start, TaskAction::complete, TaskAction::release}) {
            TaskPolicy::checkAction(assignedTo(std::nullopt), action, staff());
            TaskPolicy::checkAction(assignedTo(7), action, staff());
            CPPUNIT_ASSERT_THROW(TaskPolicy::checkAction(assignedTo(8), action, staff()), Forbidden);
        }
        CPPUNIT_ASSERT_THROW(TaskPolicy::checkAction(assignedTo(7), TaskAction::cancel, staff()), Forbidden);
    }

    void managersDoEverything() {
        TaskPolicy::checkCreate(8, manager());
        for (const auto action :
             {TaskAction::start, TaskAction::complete, TaskAction::release, TaskAction::cancel, TaskAction::reopen})
            TaskPolicy::checkAction(assignedTo(8), action, manager());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskPolicyTest);
