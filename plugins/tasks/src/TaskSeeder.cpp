#include "TaskSeeder.h"

#include "SuiteBlockStore.h"
#include "TaskRepository.h"

#include <motel/sdk/Time.h>

namespace motel::tasks {

namespace {

const Poco::Timestamp::TimeDiff kMinute = 60 * Poco::Timestamp::resolution();

std::string at(const Poco::Timestamp& now, int minutesFromNow) {
    return sdk::formatTimestamp(now + minutesFromNow * kMinute);
}

/// Builds demo tasks one by one, handing them to the staff in turn.
class DemoBoard {
public:
    DemoBoard(const std::vector<std::int64_t>& staff, const Poco::Timestamp& now) : staff_(staff), now_(now) {}

    Task& add(const SeedSuite* suite, const std::string& type, const std::string& title, int createdMinutesAgo) {
        Task task;
        if (suite) task.suiteId = suite->id;
        task.type = type;
        task.title = title;
        task.createdAt = at(now_, -createdMinutesAgo);
        task.updatedAt = task.createdAt;
        task.createdById = managerId;
        tasks.push_back(task);
        return tasks.back();
    }

    std::optional<std::int64_t> nextStaff() {
        if (staff_.empty()) return std::nullopt;
        return staff_[next_++ % staff_.size()];
    }

    void started(Task& task, int minutesAgo) {
        task.status = "in_progress";
        if (!task.assigneeId) task.assigneeId = nextStaff();
        task.startedAt = at(now_, -minutesAgo);
        task.updatedAt = *task.startedAt;
    }

    void completed(Task& task, int startedMinutesAgo, int completedMinutesAgo) {
        started(task, startedMinutesAgo);
        task.status = "completed";
        task.completedAt = at(now_, -completedMinutesAgo);
        task.updatedAt = *task.completedAt;
    }

    std::string due(int minutesFromNow) const { return at(now_, minutesFromNow); }

    std::vector<Task> tasks;
    std::optional<std::int64_t> managerId;

private:
    const std::vector<std::int64_t>& staff_;
    Poco::Timestamp now_;
    std::size_t next_ = 0;
};

} // namespace

std::vector<Task> TaskSeeder::demoTasks(const std::vector<SeedSuite>& suites, const std::vector<std::int64_t>& staff,
                                        std::optional<std::int64_t> managerId, const Poco::Timestamp& now) {
    DemoBoard board(staff, now);
    board.managerId = managerId;
    int turn = 0;
    for (const SeedSuite& suite : suites) {
        ++turn;
        const std::string& n = suite.number;
        if (suite.serviceState == "out_of_order") {
            Task& fix = board.add(&suite, "maintenance", "Repair air conditioning in suite " + n, 180);
            fix.blocksSuite = true;
            fix.priority = "urgent";
            fix.description = "Guest reported the unit is leaking water.";
            fix.dueAt = board.due(120);
            if (turn % 2 == 0)
                board.started(fix, 45);
            else
                fix.assigneeId = board.nextStaff();
        } else if (suite.serviceState == "out_of_service") {
            Task& paint = board.add(&suite, "maintenance", "Repaint bathroom ceiling in suite " + n, 600);
            paint.priority = "low";
            paint.dueAt = board.due(8 * 60);
        }
        if (suite.condition == "dirty") {
            const bool stayOver = suite.occupancy == "occupied";
            Task& clean =
                board.add(&suite, "cleaning", stayOver ? "Service suite " + n + " (stay-over)" : "Clean suite " + n,
                          stayOver ? 90 : 150);
            clean.priority = stayOver ? "low" : (turn % 3 == 0 ? "high" : "normal");
            clean.dueAt = board.due(turn % 5 == 0 ? -30 : 60 + (turn % 4) * 30); // one in five overdue
            clean.assigneeId = board.nextStaff();
            if (turn % 3 == 1) board.started(clean, 20);
        } else if (suite.condition == "clean" && suite.occupancy == "vacant") {
            Task& clean = board.add(&suite, "cleaning", "Clean suite " + n, 300);
            board.completed(clean, 240, 200);
            Task& inspect = board.add(&suite, "inspection", "Inspect suite " + n, 200);
            inspect.assigneeId = managerId;
            inspect.dueAt = board.due(90);
        } else if (suite.condition == "inspected") {
            Task& clean = board.add(&suite, "cleaning", "Clean suite " + n, 420);
            board.completed(clean, 400, 360);
            Task& inspect = board.add(&suite, "inspection", "Inspect suite " + n, 360);
            inspect.assigneeId = managerId;
            board.completed(inspect, 330, 320);
            inspect.outcome = "pass";
        } else if (suite.occupancy == "occupied" && turn % 4 == 0) {
            Task& towels = board.add(&suite, "other", "Bring extra towels to suite " + n, 40);
            towels.assigneeId = board.nextStaff();
            towels.dueAt = board.due(20);
        }
    }
    Task& linen = board.add(nullptr, "other", "Restock the linen cart", 480);
    board.completed(linen, 470, 440);
    Task& ice = board.add(nullptr, "maintenance", "Descale the ice machine by the lobby", 240);
    ice.dueAt = board.due(5 * 60);
    ice.assigneeId = board.nextStaff();
    Task& reopened = board.add(nullptr, "other", "Sort lost and found", 500);
    reopened.status = "cancelled";
    reopened.updatedAt = at(now, -100);
    return board.tasks;
}

int TaskSeeder::seed(sdk::Database& database) {
    int added = 0;
    database.transaction([&](sdk::SqlSession& session) {
        if (!session.query("SELECT id FROM tasks LIMIT 1").empty()) return;
        std::vector<SeedSuite> suites;
        for (const auto& row :
             session.query("SELECT id, number, occupancy, condition, service_state FROM suites ORDER BY floor, number"))
            suites.push_back({row.integer("id"), row.text("number"), row.text("occupancy"), row.text("condition"),
                              row.text("service_state")});
        std::vector<std::int64_t> staff;
        for (const auto& row :
             session.query("SELECT id FROM users WHERE LOWER(email) IN ('staff1@motel.test', 'staff2@motel.test', "
                           "'staff3@motel.test') ORDER BY LOWER(email)"))
            staff.push_back(row.integer("id"));
        std::optional<std::int64_t> managerId;
        const auto managers = session.query("SELECT id FROM users WHERE LOWER(email) = 'manager@motel.test'");
        if (!managers.empty()) managerId = managers.front().integer("id");

        for (const Task& task : demoTasks(suites, staff, managerId, Poco::Timestamp())) {
            const Task inserted = TaskRepository::insert(session, task, task.createdAt);
            if (task.updatedAt != task.createdAt)
                session.execute("UPDATE tasks SET updated_at = $1 WHERE id = $2",
                                {task.updatedAt, static_cast<Poco::Int64>(inserted.id)});
            // The demo's out-of-order suites are out of order because of this
            // task: closing it puts them back in service.
            if (inserted.blocksItsSuite())
                SuiteBlockStore::remember(session, *inserted.suiteId, "in_service", task.createdAt);
            ++added;
        }
    });
    return added;
}

} // namespace motel::tasks
