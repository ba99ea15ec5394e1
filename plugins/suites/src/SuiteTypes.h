#pragma once
// The suites plugin's published types (include/motel/plugins/suites, the
// interface other plugins compile against) under the short names the
// plugin's own code uses.

#include <motel/plugins/suites/Suite.h>
#include <motel/plugins/suites/SuiteChange.h>
#include <motel/plugins/suites/SuiteDirectory.h>
#include <motel/plugins/suites/SuiteTaskHooks.h>

namespace motel::suites {

using plugins::suites::ChangeOrigin;
using plugins::suites::conditionValues;
using plugins::suites::kSuiteDirectoryService;
using plugins::suites::occupancyValues;
using plugins::suites::serviceStateValues;
using plugins::suites::Suite;
using plugins::suites::SuiteChange;
using plugins::suites::SuiteDirectory;
using plugins::suites::SuiteTaskHooks;

} // namespace motel::suites
