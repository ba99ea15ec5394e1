#pragma once
/// A requested change to a suite: only the fields that are present change.
/// Used for `PATCH /api/suites/:id` and for the effects other plugins apply
/// through SuiteDirectory, so both paths share one set of rules (check-out
/// makes the suite dirty, history rows, version bump, events).

#include <cstdint>
#include <optional>
#include <string>

namespace motel::plugins::suites {

struct SuiteChange {
    std::optional<std::string> number;
    std::optional<std::optional<std::string>> name; ///< present with nullopt: set to null
    std::optional<std::int64_t> floor;
    std::optional<std::string> type;
    std::optional<std::string> occupancy;
    std::optional<std::string> condition;
    std::optional<std::string> serviceState;
    std::optional<std::optional<std::string>> notes;

    bool empty() const {
        return !number && !name && !floor && !type && !occupancy && !condition && !serviceState && !notes;
    }
};

/// Who or what caused a change; written into the suite's history rows.
struct ChangeOrigin {
    std::optional<std::int64_t> actorId; ///< the user, when a user caused it
    std::string source = "api";          ///< api | task | system
    std::optional<std::int64_t> taskId;  ///< the task whose effect this is
};

} // namespace motel::plugins::suites
