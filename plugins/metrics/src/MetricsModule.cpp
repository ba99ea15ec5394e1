// The library's single export: the plugin class and its ABI stamp.
#include "MetricsPlugin.h"

using motel::metrics::MetricsPlugin;
MOTEL_PLUGIN(MetricsPlugin)
