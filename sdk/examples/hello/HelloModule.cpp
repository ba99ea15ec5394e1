// The one file with MOTEL_PLUGIN: the module's export and ABI stamp. The
// plugin's classes live in hello_core, which the tests link as well.
#include "HelloPlugin.h"

MOTEL_PLUGIN(hello::HelloPlugin)
