#pragma once
/// The `tasks` plugin: the housekeeping and maintenance board
/// (`/api/tasks*`), its state machine and its effects on suites, the
/// `task.*` events and the task metrics. Works on suites only through the
/// suites plugin's SuiteDirectory, and registers itself as its
/// SuiteTaskHooks (the cleaning task of a check-out, the open-task check
/// before a suite is deleted). Publishes TaskDirectory
/// (<motel/plugins/tasks/TaskDirectory.h>) for plugins that find or create
/// tasks.
///
/// Config: `plugins.tasks.requireInspection` (default false) — completing a
/// cleaning task also asks for an inspection.

#include "TaskCounters.h"
#include "TaskService.h"

#include <motel/sdk/Plugin.h>

#include <memory>

namespace motel::tasks {

class TasksPlugin : public sdk::Plugin {
public:
    TasksPlugin();
    ~TasksPlugin() override;

    sdk::PluginInfo info() const override;
    std::vector<sdk::Migration> migrations() const override;
    void start(sdk::PluginContext& context) override;
    void stop() noexcept override;
    void seed(sdk::PluginContext& context) override;

private:
    std::shared_ptr<plugins::suites::SuiteDirectory> directory_;
    std::unique_ptr<TaskCounters> counters_;
    std::shared_ptr<TaskService> service_;
};

} // namespace motel::tasks
