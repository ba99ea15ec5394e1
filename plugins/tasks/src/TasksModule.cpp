// The one export of the tasks library (kept apart from TasksPlugin.cpp so the
// unit tests can link the plugin's classes without a second manifest).
#include "TasksPlugin.h"

MOTEL_PLUGIN(motel::tasks::TasksPlugin)
