#pragma once
/// A task as stored and as the REST API returns it, and the enum values the
/// contract allows. A plain value type shared by the `tasks` plugin and the
/// plugins that find or create tasks through TaskDirectory, so it is
/// header-only (part of the published interface, version 1.0).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::plugins::tasks {

struct Task {
    std::int64_t id = 0;
    std::optional<std::int64_t> suiteId;
    std::string type; ///< cleaning | inspection | maintenance | other
    std::string title;
    std::optional<std::string> description;
    std::string priority = "normal"; ///< low | normal | high | urgent
    std::string status = "pending";  ///< pending | in_progress | completed | cancelled
    std::optional<std::int64_t> assigneeId;
    std::optional<std::string> dueAt;
    std::optional<std::string> startedAt;
    std::optional<std::string> completedAt;
    std::optional<std::int64_t> createdById;
    bool blocksSuite = false;
    std::optional<std::string> outcome;     ///< pass | fail, inspections only
    std::optional<std::string> outcomeNote; ///< the inspection's note; stored, not rendered (see openapi.yaml)
    std::int64_t version = 1;
    std::string createdAt;
    std::string updatedAt;

    bool isOpen() const { return status == "pending" || status == "in_progress"; }
    /// While this is true the task keeps its suite out of order.
    bool blocksItsSuite() const { return blocksSuite && suiteId && isOpen(); }
};

inline const std::vector<std::string>& taskTypes() {
    static const std::vector<std::string> values{"cleaning", "inspection", "maintenance", "other"};
    return values;
}

/// In rank order: `sort=priority` sorts low < normal < high < urgent.
inline const std::vector<std::string>& taskPriorities() {
    static const std::vector<std::string> values{"low", "normal", "high", "urgent"};
    return values;
}

inline const std::vector<std::string>& taskStatuses() {
    static const std::vector<std::string> values{"pending", "in_progress", "completed", "cancelled"};
    return values;
}

inline const std::vector<std::string>& inspectionOutcomes() {
    static const std::vector<std::string> values{"pass", "fail"};
    return values;
}

} // namespace motel::plugins::tasks
