#include "StayoverPlanner.h"

#include "TaskJson.h"
#include "TaskRepository.h"

#include <motel/plugins/Topics.h>

#include <vector>

namespace motel::tasks {

StayoverPlanner::StayoverPlanner(sdk::Database& database, sdk::EventBus& events, TaskCounters& counters)
    : database_(database), events_(events), counters_(counters) {}

int StayoverPlanner::run(const std::string& now) {
    const std::string day = now.substr(0, 10); // YYYY-MM-DD of a UTC timestamp
    const std::string dayStart = day + "T00:00:00.000Z";
    std::vector<Task> created;
    database_.transaction([&](sdk::SqlSession& session) {
        const auto suites =
            session.query("SELECT s.id, s.number FROM suites s WHERE s.occupancy = 'occupied' AND NOT EXISTS ("
                          "SELECT 1 FROM tasks t WHERE t.suite_id = s.id AND t.type = 'cleaning'"
                          " AND t.status IN ('pending', 'in_progress') AND t.created_at >= $1) ORDER BY s.id",
                          {dayStart});
        for (const auto& suite : suites) {
            const auto rows = session.query(
                "INSERT INTO tasks (suite_id, type, title, priority, priority_rank, status, blocks_suite, "
                "stayover_day, version, created_at, updated_at) "
                "VALUES ($1, 'cleaning', $2, 'normal', $3, 'pending', 0, $4, 1, $5, $5) "
                "ON CONFLICT (suite_id, stayover_day) DO NOTHING RETURNING " +
                    TaskRepository::columns(),
                {suite["id"], "Stayover clean suite " + suite.text("number"),
                 static_cast<Poco::Int64>(TaskRepository::priorityRank("normal")), day, now});
            if (!rows.empty()) created.push_back(TaskRepository::fromRow(rows.front()));
        }
        session.afterCommit([this, created] {
            for (const Task& task : created) {
                counters_.moved(std::nullopt, task.status);
                events_.publish(plugins::topics::kTaskCreated, TaskJson::object(task));
            }
        });
    });
    return static_cast<int>(created.size());
}

} // namespace motel::tasks
