// The one export of the apidocs library.
#include "ApiDocsPlugin.h"

MOTEL_PLUGIN(motel::apidocs::ApiDocsPlugin)
