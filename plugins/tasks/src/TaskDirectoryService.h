#pragma once
/// The tasks plugin's published TaskDirectory (interface 1.0): a thin
/// adapter over TaskService and TaskRepository, so a task another plugin
/// creates goes through the very code of `POST /api/tasks` (TaskInput's
/// validation, TaskService's rules, effects and events), inside the
/// caller's transaction.

#include "TaskService.h"

#include <motel/plugins/tasks/TaskDirectory.h>

#include <memory>

namespace motel::tasks {

class TaskDirectoryService : public plugins::tasks::TaskDirectory {
public:
    explicit TaskDirectoryService(std::shared_ptr<TaskService> service);

    std::optional<Task> find(sdk::SqlSession& session, std::int64_t id) override;
    std::vector<Task> openTasksOfSuite(sdk::SqlSession& session, std::int64_t suiteId) override;
    Task create(sdk::SqlSession& session, const plugins::tasks::NewTask& draft, const sdk::Principal& actor) override;

    /// `draft` as the JSON body `POST /api/tasks` would receive.
    static Poco::JSON::Object::Ptr bodyOf(const plugins::tasks::NewTask& draft);

private:
    std::shared_ptr<TaskService> service_;
};

} // namespace motel::tasks
