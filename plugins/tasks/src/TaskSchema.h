#pragma once
/// The task resource as one table of fields (JSON name, column, member): the
/// column list of every whole-task SELECT, the row mapping and the JSON of a
/// task, whether from a Task or straight from a row of a list page
/// (sdk::ResourceSchema). `outcome_note` is read but not rendered.

#include "Task.h"

#include <motel/sdk/ResourceSchema.h>

namespace motel::tasks {

const sdk::ResourceSchema<Task>& taskSchema();

} // namespace motel::tasks
