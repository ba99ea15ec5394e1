#pragma once
// The suites and tasks services on a real SQLite database (DomainServices,
// shared with tests/plugins/tasks), with what the job tests
// (OverdueAnnouncerTest, StayoverPlannerTest) add: a manager, quick suites and
// tasks, events by topic, and two "hosts" running a job at the same moment.
#include "DomainServices.h"

#include <motel/sdk/testing/Callers.h>

#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace motel::testing {

struct TaskBoard : test::DomainServices {
    sdk::Principal manager = sdk::testing::caller(1, "m@x", "M", "manager");

    suites::Suite suite(const std::string& number, const std::string& occupancy) {
        suites::Suite draft;
        draft.number = number;
        draft.floor = 1;
        draft.occupancy = occupancy;
        return suiteService->create(draft);
    }

    tasks::Task task(const std::string& type, std::optional<std::int64_t> suiteId, std::optional<std::string> dueAt) {
        tasks::Task draft;
        draft.type = type;
        draft.title = "Do " + type;
        draft.suiteId = suiteId;
        draft.dueAt = std::move(dueAt);
        return taskService->create(draft, manager);
    }

    /// The payloads of the events published with `topic` since the last call
    /// (events of other topics are dropped), forgotten after.
    std::vector<std::string> take(const std::string& topic) {
        std::vector<std::string> payloads;
        for (const auto& [seen, payload] : takeEvents())
            if (seen == topic) payloads.push_back(payload);
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
