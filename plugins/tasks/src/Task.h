#pragma once
/// The task value type and its enum values live in the published interface
/// (<motel/plugins/tasks/Task.h>): the plugin's own code uses the very type
/// other plugins receive through TaskDirectory.

#include <motel/plugins/tasks/Task.h>

namespace motel::tasks {

using plugins::tasks::inspectionOutcomes;
using plugins::tasks::Task;
using plugins::tasks::taskPriorities;
using plugins::tasks::taskStatuses;
using plugins::tasks::taskTypes;

} // namespace motel::tasks
