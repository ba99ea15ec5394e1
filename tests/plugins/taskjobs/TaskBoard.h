#pragma once
// A real SQLite database with the suites and tasks schemas, the host's event
// bus and metrics, and the two plugins' services on top: what the job tests
// (OverdueAnnouncerTest, StayoverPlannerTest) run their jobs against.
#include <motel/sdk/testing/Callers.h>
#include "SuiteMigrations.h"
#include "SuiteService.h"
#include "TaskMigrations.h"
#include "TaskService.h"

#include "db/MigrationRunner.h"
#include "db/SqlDatabase.h"
#include "services/InProcessEventBus.h"
#include "services/PrometheusMetrics.h"

#include <Poco/File.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Logger.h>
#include <Poco/TemporaryFile.h>

#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <string>
#include <utility>
#include <vector>

namespace motel::testing {

inline std::string jsonText(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(value, out);
    return out.str();
}

struct TaskBoard {
    Poco::TemporaryFile dir;
    std::unique_ptr<host::SqlDatabase> database;
    std::unique_ptr<host::InProcessEventBus> events;
    std::unique_ptr<host::PrometheusMetrics> metrics;
    std::shared_ptr<suites::SuiteService> suites;
    std::unique_ptr<tasks::TaskCounters> counters;
    std::shared_ptr<tasks::TaskService> tasks;
    sdk::Principal manager = sdk::testing::caller(1, "m@x", "M", "manager");

    std::mutex mutex;                                           ///< events may arrive from several threads
    std::vector<std::pair<std::string, std::string>> published; ///< topic, payload JSON

    TaskBoard() {
        Poco::File(dir.path()).createDirectories();
        auto& logger = Poco::Logger::get("test");
        database = std::make_unique<host::SqlDatabase>(host::DatabaseUrl::parse("sqlite:" + dir.path() + "/t.db"),
                                                       host::SqlDatabaseOptions{}, logger);
        host::MigrationRunner(*database, logger)
            .apply({{"auth", {{1, "users", "CREATE TABLE users (id {{id}}, email TEXT NOT NULL, deleted_at TEXT)"}}},
                    {"suites", suites::SuiteMigrations::all()},
                    {"tasks", tasks::TaskMigrations::all()}});
        database->withSession([](sdk::SqlSession& s) { s.execute("INSERT INTO users (email) VALUES ('m@x')"); });
        events = std::make_unique<host::InProcessEventBus>(logger);
        events->subscribe("*", [this](const sdk::Event& event) {
            std::lock_guard<std::mutex> lock(mutex);
            published.emplace_back(event.topic, jsonText(event.payload));
        });
        metrics = std::make_unique<host::PrometheusMetrics>(logger);
        suites =
            std::make_shared<suites::SuiteService>(*database, *events, metrics->untyped("motel_suites_total", "test"));
        counters = std::make_unique<tasks::TaskCounters>(*metrics);
        tasks = std::make_shared<tasks::TaskService>(*database, *events, *suites, *counters, false);
        suites->setTaskHooks(tasks);
    }

    ~TaskBoard() {
        suites->setTaskHooks(nullptr);
        tasks.reset();
        suites.reset();
        database.reset();
    }

    suites::Suite suite(const std::string& number, const std::string& occupancy) {
        suites::Suite draft;
        draft.number = number;
        draft.floor = 1;
        draft.occupancy = occupancy;
        return suites->create(draft);
    }

    tasks::Task task(const std::string& type, std::optional<std::int64_t> suiteId, std::optional<std::string> dueAt) {
        tasks::Task draft;
        draft.type = type;
        draft.title = "Do " + type;
        draft.suiteId = suiteId;
        draft.dueAt = std::move(dueAt);
        return tasks->create(draft, manager);
    }

    /// The events published since the last call with `topic` (others are
    /// dropped), forgotten after.
    std::vector<std::string> take(const std::string& topic) {
        std::lock_guard<std::mutex> lock(mutex);
        std::vector<std::string> payloads;
        for (const auto& [seen, payload] : published)
            if (seen == topic) payloads.push_back(payload);
        published.clear();
        return payloads;
    }
};

/// Runs `hostA.run(now)` and `hostB.run(now)` at the same moment on two
/// threads, as two hosts' schedules would, and returns what both did in all.
template <class Job> int runOnTwoHostsAtOnce(Job& hostA, Job& hostB, const std::string& now) {
    int byA = 0;
    int byB = 0;
    std::thread a([&] { byA = hostA.run(now); });
    std::thread b([&] { byB = hostB.run(now); });
    a.join();
    b.join();
    return byA + byB;
}

} // namespace motel::testing
