#include "TaskJobs.h"

#include "OverdueAnnouncer.h"
#include "StayoverPlanner.h"

#include <motel/sdk/Time.h>

#include <memory>
#include <stdexcept>

namespace motel::tasks {

namespace {

/// Runs one job tick. A failure propagates to the job engine, which logs it
/// and counts it (motel_jobs_scheduled_failures_total); a scheduled job is
/// not retried: the next tick is the retry.
template <typename Job> sdk::Jobs::JobFn tick(std::shared_ptr<Job> job, Poco::Logger& logger, const char* name) {
    return [job, &logger, name] {
        const int n = job->run(sdk::nowTimestamp());
        if (n > 0) logger.information("%s: %d task(s)", std::string(name), n);
    };
}

} // namespace

void TaskJobs::schedule(sdk::PluginContext& context, TaskCounters& counters) {
    auto& logger = context.logger();
    const auto overdueEvery = context.config().getDuration("overdueInterval", kDefaultOverdueInterval);
    if (overdueEvery.count() <= 0)
        throw sdk::ConfigError(context.config().prefix() + "overdueInterval: must be positive");
    auto overdue = std::make_shared<OverdueAnnouncer>(context.database(), context.events(), context.metrics());
    context.jobs().every("tasks.overdue", overdueEvery, tick(overdue, logger, "tasks.overdue"));

    const std::string cron = context.config().getString("stayoverCron", kDefaultStayoverCron);
    auto stayover = std::make_shared<StayoverPlanner>(context.database(), context.events(), counters);
    try {
        context.jobs().cron("suites.stayover", cron, tick(stayover, logger, "suites.stayover"));
    } catch (const std::invalid_argument& error) {
        throw sdk::ConfigError(context.config().prefix() + "stayoverCron: '" + cron +
                               "' is not a cron expression (m h dom mon dow): " + error.what());
    }
}

} // namespace motel::tasks
