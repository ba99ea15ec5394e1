#include "TaskDirectoryService.h"

#include "TaskInput.h"
#include "TaskListQuery.h"
#include "TaskRepository.h"

namespace motel::tasks {

namespace {

/// Rows per query while collecting a suite's open tasks (the list API's
/// largest page).
constexpr std::int64_t kBatch = 200;

template <class T> void setOrNull(Poco::JSON::Object& body, const char* field, const std::optional<T>& value) {
    if (value)
        body.set(field, *value);
    else
        body.set(field, Poco::Dynamic::Var());
}

} // namespace

TaskDirectoryService::TaskDirectoryService(std::shared_ptr<TaskService> service) : service_(std::move(service)) {}

std::optional<Task> TaskDirectoryService::find(sdk::SqlSession& session, std::int64_t id) {
    return TaskRepository::find(session, id);
}

std::vector<Task> TaskDirectoryService::openTasksOfSuite(sdk::SqlSession& session, std::int64_t suiteId) {
    TaskFilters filters;
    filters.statuses = std::vector<std::string>{"pending", "in_progress"};
    filters.suiteId = suiteId;
    filters.limit = kBatch;
    std::vector<Task> open;
    for (;;) {
        TaskPage page = TaskRepository::list(session, TaskListQuery::page(filters), TaskListQuery::count(filters),
                                             filters.offset > 0);
        const auto received = static_cast<std::int64_t>(page.items.size());
        open.insert(open.end(), page.items.begin(), page.items.end());
        filters.offset += received;
        if (received < kBatch || filters.offset >= page.total) return open;
    }
}

Task TaskDirectoryService::create(sdk::SqlSession& session, const plugins::tasks::NewTask& draft,
                                  const sdk::Principal& actor) {
    return service_->createWithin(session, TaskInput::readNew(bodyOf(draft)), actor);
}

Poco::JSON::Object::Ptr TaskDirectoryService::bodyOf(const plugins::tasks::NewTask& draft) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    setOrNull(*body, "suiteId", draft.suiteId);
    body->set("type", draft.type);
    body->set("title", draft.title);
    setOrNull(*body, "description", draft.description);
    body->set("priority", draft.priority);
    setOrNull(*body, "assigneeId", draft.assigneeId);
    setOrNull(*body, "dueAt", draft.dueAt);
    body->set("blocksSuite", draft.blocksSuite);
    return body;
}

} // namespace motel::tasks
