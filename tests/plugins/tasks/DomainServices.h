#pragma once
// SuiteService and TaskService wired together on a real SQLite file (the
// host's SqlDatabase, event bus and metrics), with a `users` table holding
// user 1, and every published event recorded as (topic, payload JSON). For
// the tests of what the two services do together, here and in
// tests/plugins/taskjobs (TaskBoard.h adds the jobs' helpers on top).
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
#include <string>
#include <utility>
#include <vector>

namespace motel::test {

inline std::string textOf(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(value, out);
    return out.str();
}

struct DomainServices {
    DomainServices() {
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
            std::lock_guard<std::mutex> lock(mutex_);
            published_.emplace_back(event.topic, textOf(event.payload));
        });
        metrics = std::make_unique<host::PrometheusMetrics>(logger);
        suiteService =
            std::make_shared<suites::SuiteService>(*database, *events, metrics->untyped("motel_suites_total", "test"));
        counters = std::make_unique<tasks::TaskCounters>(*metrics);
        taskService = std::make_shared<tasks::TaskService>(*database, *events, *suiteService, *counters, false);
        suiteService->setTaskHooks(taskService);
    }

    ~DomainServices() {
        suiteService->setTaskHooks(nullptr);
        taskService.reset();
        suiteService.reset();
        database.reset();
    }

    /// The events (topic, payload JSON) published since the last call, forgotten after.
    std::vector<std::pair<std::string, std::string>> takeEvents() {
        std::lock_guard<std::mutex> lock(mutex_);
        auto taken = std::move(published_);
        published_.clear();
        return taken;
    }

    /// How many events wait for takeEvents().
    std::size_t publishedCount() {
        std::lock_guard<std::mutex> lock(mutex_);
        return published_.size();
    }

    Poco::TemporaryFile dir;
    std::unique_ptr<host::SqlDatabase> database;
    std::unique_ptr<host::InProcessEventBus> events;
    std::unique_ptr<host::PrometheusMetrics> metrics;
    std::shared_ptr<suites::SuiteService> suiteService;
    std::unique_ptr<tasks::TaskCounters> counters;
    std::shared_ptr<tasks::TaskService> taskService;

private:
    std::mutex mutex_; ///< events may arrive from several threads (the jobs' tests run two "hosts")
    std::vector<std::pair<std::string, std::string>> published_;
};

} // namespace motel::test
