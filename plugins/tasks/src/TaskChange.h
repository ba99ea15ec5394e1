#pragma once
/// The fields of a `PATCH /api/tasks/:id` body that were present. Nullable
/// fields use a nested optional: present with nullopt sets them to null.

#include "Task.h"

#include <cstdint>
#include <optional>
#include <string>

namespace motel::tasks {

struct TaskChange {
    std::optional<std::optional<std::int64_t>> suiteId;
    std::optional<std::string> type;
    std::optional<std::string> title;
    std::optional<std::optional<std::string>> description;
    std::optional<std::string> priority;
    std::optional<std::optional<std::int64_t>> assigneeId;
    std::optional<std::optional<std::string>> dueAt;
    std::optional<bool> blocksSuite;
};

/// `complete`'s optional body for inspections.
struct Completion {
    std::optional<std::string> outcome; ///< pass | fail
    std::optional<std::string> note;
    /// The body named `outcome` / `note` at all, null included: on a task that
    /// is not an inspection even `{"outcome": null}` is refused.
    bool outcomeSent = false;
    bool noteSent = false;
    bool given() const { return outcome || note; }
};

} // namespace motel::tasks
