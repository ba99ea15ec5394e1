#include "TasksPlugin.h"

#include "TaskDirectoryService.h"
#include "TaskJobs.h"
#include "TaskMigrations.h"
#include "TaskRoutes.h"
#include "TaskSeeder.h"

#include <motel/plugins/Topics.h>

#include <motel/sdk/Metrics.h>

#include <chrono>

#include <stdexcept>

namespace motel::tasks {

TasksPlugin::TasksPlugin() = default;

TasksPlugin::~TasksPlugin() = default;

sdk::PluginInfo TasksPlugin::info() const {
    using sdk::SettingSpec;
    namespace topics = plugins::topics;
    sdk::PluginInfo info{
        "tasks", "1.0.0", "Housekeeping and maintenance tasks and their effects on suites", {"suites", "auth"}};
    info.settings = {
        SettingSpec::boolean("requireInspection", false, "completing a cleaning task also creates an inspection task"),
        SettingSpec::duration("overdueInterval", "60s", "how often the tasks.overdue job looks for overdue tasks",
                              std::chrono::milliseconds(1)),
        SettingSpec::text("stayoverCron", TaskJobs::kDefaultStayoverCron,
                          "when suites.stayover creates stayover cleaning tasks (cron, UTC)"),
        SettingSpec::duration("recountInterval", "15s",
                              "the motel_tasks_* gauges are recounted before a scrape at most this often"),
    };
    info.publishes = {topics::kTaskCreated,   topics::kTaskUpdated,  topics::kTaskAssigned, topics::kTaskCompleted,
                      topics::kTaskCancelled, topics::kTaskReopened, topics::kTaskOverdue,  topics::kTaskDeleted};
    return info;
}

std::vector<sdk::Migration> TasksPlugin::migrations() const {
    return TaskMigrations::all();
}

void TasksPlugin::start(sdk::PluginContext& context) {
    directory_ = context.services().require<plugins::suites::SuiteDirectory>();
    const bool requireInspection = context.config().getBool("requireInspection", false);
    counters_ = std::make_unique<TaskCounters>(context.metrics());
    counters_->recount(context.database());
    // Other hosts' commits move the same tables: recount before a scrape, at
    // most every `recountInterval`, so the gauges converge on every host.
    const auto recountInterval = context.config().getDuration("recountInterval", std::chrono::seconds(15));
    context.metrics().onScrape(
        sdk::atMostEvery(recountInterval, [counters = counters_.get(), &database = context.database()] {
            counters->recount(database);
        }));
    service_ =
        std::make_shared<TaskService>(context.database(), context.events(), *directory_, *counters_, requireInspection);
    TaskRoutes::registerAll(context.routes(), *service_);
    directory_->setTaskHooks(service_);
    context.services().publish<plugins::tasks::TaskDirectory>(std::make_shared<TaskDirectoryService>(service_));
    TaskJobs::schedule(context, *counters_);
}

void TasksPlugin::stop() noexcept {
    if (directory_) directory_->setTaskHooks(nullptr);
}

void TasksPlugin::seed(sdk::PluginContext& context) {
    const int added = TaskSeeder::seed(context.database());
    if (added > 0) {
        context.logger().information("seeded %d tasks", added);
        if (counters_) counters_->recount(context.database());
    } else {
        context.logger().information("tasks already present; nothing seeded");
    }
}

} // namespace motel::tasks
