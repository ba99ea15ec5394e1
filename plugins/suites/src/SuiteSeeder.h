#pragma once
/// Demo data for `motel-host seed` (development only): three floors of ten
/// suites (101–110, 201–210, 301–310) in a believable mix of states. Only
/// runs when the suites table is empty, so seeding twice changes nothing.
/// The tasks plugin's seeder then puts work on the board to match these
/// states (cleaning for dirty suites, maintenance for out-of-order ones).

#include <motel/sdk/Database.h>
#include "SuiteTypes.h"

#include <vector>

namespace motel::suites {

class SuiteSeeder {
public:
    /// The suites the demo motel has (ids unset). Pure, for tests.
    static std::vector<Suite> demoSuites();
    /// Inserts demoSuites() when the table is empty; returns how many it added.
    static int seed(sdk::Database& database);
};

} // namespace motel::suites
