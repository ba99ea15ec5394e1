#include "SuiteMigrations.h"

namespace motel::suites {

std::vector<sdk::Migration> SuiteMigrations::all() {
    return {
        {1, "create suites",
         "CREATE TABLE suites ("
         " id {{id}},"
         " number TEXT NOT NULL,"
         " name TEXT,"
         " floor {{bigint}} NOT NULL,"
         " type TEXT NOT NULL,"
         " occupancy TEXT NOT NULL,"
         " condition TEXT NOT NULL,"
         " service_state TEXT NOT NULL,"
         " notes TEXT,"
         " version {{bigint}} NOT NULL DEFAULT 1,"
         " created_at TEXT NOT NULL,"
         " updated_at TEXT NOT NULL);"
         "CREATE UNIQUE INDEX suites_number_key ON suites (number);"
         "CREATE INDEX suites_occupancy_idx ON suites (occupancy);"
         "CREATE INDEX suites_condition_idx ON suites (condition);"
         "CREATE INDEX suites_service_state_idx ON suites (service_state);"
         "CREATE INDEX suites_floor_idx ON suites (floor);"
         "CREATE INDEX suites_updated_at_idx ON suites (updated_at);"},
        {2, "create suite history",
         "CREATE TABLE suite_history ("
         " id {{id}},"
         " suite_id {{bigint}} NOT NULL,"
         " field TEXT NOT NULL,"
         " from_value TEXT NOT NULL,"
         " to_value TEXT NOT NULL,"
         " actor_id {{bigint}},"
         " source TEXT NOT NULL,"
         " task_id {{bigint}},"
         " at TEXT NOT NULL);"
         "CREATE INDEX suite_history_suite_idx ON suite_history (suite_id, id);"},
    };
}

} // namespace motel::suites
