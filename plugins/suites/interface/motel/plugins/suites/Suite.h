#pragma once
/// A suite as stored and as the REST API returns it, plus the enum values the
/// contract allows. A plain value type shared by the `suites` plugin and the
/// plugins that act on suites through SuiteDirectory (the `tasks` plugin), so
/// it is header-only.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::plugins::suites {

struct Suite {
    std::int64_t id = 0;
    std::string number;
    std::optional<std::string> name;
    std::int64_t floor = 0;
    std::string type = "standard";
    std::string occupancy = "vacant";        ///< vacant | occupied
    std::string condition = "clean";         ///< dirty | clean | inspected
    std::string serviceState = "in_service"; ///< in_service | out_of_service | out_of_order
    std::optional<std::string> notes;
    std::int64_t version = 1;
    std::string createdAt;
    std::string updatedAt;
};

inline const std::vector<std::string>& occupancyValues() {
    static const std::vector<std::string> values{"vacant", "occupied"};
    return values;
}

inline const std::vector<std::string>& conditionValues() {
    static const std::vector<std::string> values{"dirty", "clean", "inspected"};
    return values;
}

inline const std::vector<std::string>& serviceStateValues() {
    static const std::vector<std::string> values{"in_service", "out_of_service", "out_of_order"};
    return values;
}

} // namespace motel::plugins::suites
