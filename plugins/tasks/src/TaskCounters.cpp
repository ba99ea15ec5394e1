#include "TaskCounters.h"

#include "TaskRepository.h"

#include <motel/sdk/Time.h>

namespace motel::tasks {

TaskCounters::TaskCounters(sdk::MetricsRegistry& metrics)
    : total_(metrics.untyped("motel_tasks_total", "Tasks currently on the board, in any status")),
      pending_(metrics.gauge("motel_tasks_pending", "Tasks waiting to be started")),
      inProgress_(metrics.gauge("motel_tasks_in_progress", "Tasks being worked on")),
      overdue_(metrics.gauge("motel_tasks_overdue", "Open tasks whose due time has passed")) {}

sdk::Gauge* TaskCounters::gaugeFor(const std::string& status) {
    if (status == "pending") return &pending_;
    if (status == "in_progress") return &inProgress_;
    return nullptr;
}

void TaskCounters::recount(sdk::Database& database) {
    database.withSession([&](sdk::SqlSession& session) {
        const auto counts = TaskRepository::countByStatus(session);
        std::int64_t total = 0;
        for (const auto& [status, n] : counts) total += n;
        total_.set(static_cast<double>(total));
        const auto pending = counts.find("pending");
        const auto inProgress = counts.find("in_progress");
        pending_.set(pending == counts.end() ? 0.0 : static_cast<double>(pending->second));
        inProgress_.set(inProgress == counts.end() ? 0.0 : static_cast<double>(inProgress->second));
        overdue_.set(static_cast<double>(TaskRepository::countOverdue(session, sdk::nowTimestamp())));
    });
}

void TaskCounters::moved(const std::optional<std::string>& fromStatus, const std::optional<std::string>& toStatus) {
    if (fromStatus == toStatus) return;
    if (!fromStatus) total_.increment();
    if (!toStatus) total_.decrement();
    if (fromStatus) {
        if (auto* gauge = gaugeFor(*fromStatus)) gauge->decrement();
    }
    if (toStatus) {
        if (auto* gauge = gaugeFor(*toStatus)) gauge->increment();
    }
}

} // namespace motel::tasks
