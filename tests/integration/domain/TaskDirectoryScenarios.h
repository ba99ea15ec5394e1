#pragma once
// A plugin of its own (TaskClientPlugin) finds and creates tasks through the
// tasks plugin's published TaskDirectory: what it creates is on the board
// (GET /api/tasks) with the effects of POST /api/tasks, the same refusals
// reach its callers, and the task joins the plugin's own transaction.

#include "DomainFixture.h"

namespace motel::test {

class TaskDirectoryScenarios : public DomainFixture {
public:
    void aPluginCreatesATaskSeenOnTheBoard();
    void thePostRulesReachThePluginsCallers();
    void theTaskJoinsThePluginsTransaction();

private:
    Motel startWithClient();
};

} // namespace motel::test

#define MOTEL_TASK_DIRECTORY_TESTS                                                                                     \
    CPPUNIT_TEST(aPluginCreatesATaskSeenOnTheBoard);                                                                   \
    CPPUNIT_TEST(thePostRulesReachThePluginsCallers);                                                                  \
    CPPUNIT_TEST(theTaskJoinsThePluginsTransaction)
