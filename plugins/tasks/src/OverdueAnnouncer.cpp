#include "OverdueAnnouncer.h"

#include "TaskJson.h"
#include "TaskRepository.h"

#include <motel/plugins/Topics.h>

#include <algorithm>
#include <vector>

namespace motel::tasks {

namespace {
const char* const kOpen = "status IN ('pending', 'in_progress')";
} // namespace

OverdueAnnouncer::OverdueAnnouncer(sdk::Database& database, sdk::EventBus& events, sdk::MetricsRegistry& metrics)
    : database_(database), events_(events),
      overdue_(metrics.gauge("motel_tasks_overdue", "Open tasks whose due time has passed")) {}

int OverdueAnnouncer::run(const std::string& now) {
    int announced = 0;
    database_.transaction([&](sdk::SqlSession& session) {
        session.execute(std::string("UPDATE tasks SET overdue_notified_at = NULL, overdue_notified_due_at = NULL "
                                    "WHERE overdue_notified_at IS NOT NULL AND NOT (") +
                        kOpen + ")");
        const auto claimed = session.query(
            std::string("UPDATE tasks SET overdue_notified_at = $1, overdue_notified_due_at = due_at WHERE ") + kOpen +
                " AND due_at IS NOT NULL AND due_at < $1"
                " AND (overdue_notified_at IS NULL OR overdue_notified_due_at IS NULL"
                " OR overdue_notified_due_at <> due_at) RETURNING " +
                TaskRepository::columns(),
            {now});
        std::vector<Task> tasks;
        for (const auto& row : claimed) tasks.push_back(TaskRepository::fromRow(row));
        std::sort(tasks.begin(), tasks.end(), [](const Task& a, const Task& b) { return a.id < b.id; });
        session.afterCommit([this, tasks] {
            for (const Task& task : tasks) events_.publish(plugins::topics::kTaskOverdue, TaskJson::object(task));
        });
        announced = static_cast<int>(tasks.size());
    });
    database_.withSession([&](sdk::SqlSession& session) {
        overdue_.set(static_cast<double>(TaskRepository::countOverdue(session, now)));
    });
    return announced;
}

} // namespace motel::tasks
