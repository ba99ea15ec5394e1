// The library's single export: the plugin class and its ABI stamp.
#include "HealthPlugin.h"

using motel::health::HealthPlugin;
MOTEL_PLUGIN(HealthPlugin)
