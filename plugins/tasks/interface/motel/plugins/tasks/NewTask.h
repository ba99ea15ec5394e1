#pragma once
/// What a plugin asks TaskDirectory::create for: the fields of a
/// `POST /api/tasks` body, with the same defaults. Part of the published
/// interface of the `tasks` plugin (version 1.0).

#include <cstdint>
#include <optional>
#include <string>

namespace motel::plugins::tasks {

struct NewTask {
    std::optional<std::int64_t> suiteId;
    std::string type;  ///< required: cleaning | inspection | maintenance | other
    std::string title; ///< required, 1 to 200 characters
    std::optional<std::string> description;
    std::string priority = "normal"; ///< low | normal | high | urgent
    std::optional<std::int64_t> assigneeId;
    std::optional<std::string> dueAt; ///< ISO 8601 (UTC)
    bool blocksSuite = false;         ///< needs a suiteId and type maintenance (the API's rule)
};

} // namespace motel::plugins::tasks
