// The one export of the dashboard library.
#include "DashboardPlugin.h"

MOTEL_PLUGIN(motel::dashboard::DashboardPlugin)
