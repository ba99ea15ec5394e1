// The one export of the realtime library (kept apart from RealtimePlugin.cpp
// so the tests can link the plugin's classes without a second manifest).
#include "RealtimePlugin.h"

MOTEL_PLUGIN(motel::realtime::RealtimePlugin)
