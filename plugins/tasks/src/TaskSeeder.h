#pragma once
/// Demo data for `motel-host seed` (development only): a day's worth of work
/// matching the seeded suites — cleaning for dirty suites (some started, one
/// overdue), blocking maintenance for out-of-order suites, inspections for
/// freshly cleaned ones, finished work from earlier in the day, and a couple
/// of jobs outside any suite — assigned to the seeded staff
/// (`staff1..3@motel.test`). Only runs when the tasks table is empty.

#include "Task.h"

#include <motel/sdk/Database.h>

#include <Poco/Timestamp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::tasks {

/// What the seeder needs to know about a suite.
struct SeedSuite {
    std::int64_t id = 0;
    std::string number;
    std::string occupancy;
    std::string condition;
    std::string serviceState;
};

class TaskSeeder {
public:
    /// The demo tasks for `suites`, spread over the day before and after
    /// `now`; `staff` may be empty (tasks stay unassigned). Pure, for tests.
    static std::vector<Task> demoTasks(const std::vector<SeedSuite>& suites, const std::vector<std::int64_t>& staff,
                                       std::optional<std::int64_t> managerId, const Poco::Timestamp& now);
    /// Inserts demoTasks() when the tasks table is empty; returns how many.
    static int seed(sdk::Database& database);
};

} // namespace motel::tasks
