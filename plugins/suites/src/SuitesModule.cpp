// The one export of the suites library (kept apart from SuitesPlugin.cpp so
// the unit tests can link the plugin's classes without a second manifest).
#include "SuitesPlugin.h"

MOTEL_PLUGIN(motel::suites::SuitesPlugin)
