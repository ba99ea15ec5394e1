#include "SuiteEffects.h"

#include "SuiteBlockStore.h"
#include "TaskRepository.h"

#include <motel/sdk/Errors.h>

namespace motel::tasks {

namespace {

std::optional<std::int64_t> blockedSuite(const std::optional<Task>& task) {
    if (task && task->blocksItsSuite()) return task->suiteId;
    return std::nullopt;
}

Task followUp(const Task& origin, const plugins::suites::Suite& suite, const std::string& type,
              const std::string& title) {
    Task task;
    task.suiteId = suite.id;
    task.type = type;
    task.title = title;
    task.createdById = origin.createdById;
    return task;
}

} // namespace

SuiteEffects::SuiteEffects(plugins::suites::SuiteDirectory& directory, bool requireInspection)
    : directory_(directory), requireInspection_(requireInspection) {}

bool SuiteEffects::changesSuitesOnCreation(const Task& created) {
    // apply(nullopt, created, completed = false): nothing to release, and no
    // completion; blocking is the only effect a creation can have.
    return !suitesToBlock(std::nullopt, created).empty();
}

std::vector<std::int64_t> SuiteEffects::suitesToBlock(const std::optional<Task>& before,
                                                      const std::optional<Task>& after) {
    const auto was = blockedSuite(before);
    const auto is = blockedSuite(after);
    if (is && is != was) return {*is};
    return {};
}

std::vector<std::int64_t> SuiteEffects::suitesToRelease(const std::optional<Task>& before,
                                                        const std::optional<Task>& after) {
    const auto was = blockedSuite(before);
    const auto is = blockedSuite(after);
    if (was && was != is) return {*was};
    return {};
}

plugins::suites::SuiteChange SuiteEffects::completionChange(const Task& task, const plugins::suites::Suite& suite) {
    plugins::suites::SuiteChange change;
    if (task.type == "cleaning" && suite.condition == "dirty") change.condition = "clean";
    if (task.type == "inspection") {
        if (task.outcome.value_or("pass") == "pass") {
            if (suite.condition == "clean") change.condition = "inspected";
        } else if (suite.condition != "dirty") {
            change.condition = "dirty";
        }
    }
    return change;
}

std::vector<Task> SuiteEffects::followUps(const Task& task, const plugins::suites::Suite& before,
                                          const plugins::suites::Suite& after, bool requireInspection) {
    std::vector<Task> tasks;
    if (task.type == "cleaning" && requireInspection && before.condition == "dirty" && after.condition == "clean")
        tasks.push_back(followUp(task, after, "inspection", "Inspect suite " + after.number));
    if (task.type == "inspection" && task.outcome.value_or("pass") == "fail") {
        Task reclean = followUp(task, after, "cleaning", "Clean suite " + after.number);
        reclean.priority = "high";
        reclean.description =
            task.outcomeNote ? "Inspection failed: " + *task.outcomeNote : std::string("Inspection failed");
        tasks.push_back(reclean);
    }
    return tasks;
}

plugins::suites::SuiteChange SuiteEffects::blockChange(const plugins::suites::Suite& suite) {
    plugins::suites::SuiteChange change;
    if (suite.serviceState != "out_of_order") change.serviceState = "out_of_order";
    return change;
}

plugins::suites::SuiteChange SuiteEffects::releaseChange(const plugins::suites::Suite& suite,
                                                         const std::string& before) {
    plugins::suites::SuiteChange change;
    if (suite.serviceState == "out_of_order" && before != "out_of_order") change.serviceState = before;
    return change;
}

void SuiteEffects::block(sdk::SqlSession& session, std::int64_t suiteId, const plugins::suites::ChangeOrigin& origin) {
    std::optional<std::string> stateBefore;
    const auto suite = directory_.update(
        session, suiteId,
        [&](const plugins::suites::Suite& now) {
            stateBefore = now.serviceState;
            return blockChange(now);
        },
        origin);
    if (!suite || !stateBefore) throw sdk::NotFound("Suite " + std::to_string(suiteId) + " not found");
    SuiteBlockStore::remember(session, suiteId, *stateBefore, suite->updatedAt);
}

void SuiteEffects::release(sdk::SqlSession& session, std::int64_t suiteId,
                           const plugins::suites::ChangeOrigin& origin) {
    if (TaskRepository::openBlockersForSuite(session, suiteId) > 0) return; // another task still blocks it
    const auto before = SuiteBlockStore::take(session, suiteId);
    if (!before) return; // someone set the service state while it was blocked: theirs stands
    directory_.update(
        session, suiteId, [&](const plugins::suites::Suite& now) { return releaseChange(now, *before); }, origin);
}

std::vector<Task> SuiteEffects::apply(sdk::SqlSession& session, const std::optional<Task>& before,
                                      const std::optional<Task>& after, bool completed,
                                      const plugins::suites::ChangeOrigin& origin) {
    for (const std::int64_t suiteId : suitesToBlock(before, after)) block(session, suiteId, origin);
    for (const std::int64_t suiteId : suitesToRelease(before, after)) release(session, suiteId, origin);

    if (!completed || !after || !after->suiteId) return {};
    if (after->type != "cleaning" && after->type != "inspection") return {};
    std::optional<plugins::suites::Suite> seen;
    const auto updated = directory_.update(
        session, *after->suiteId,
        [&](const plugins::suites::Suite& now) {
            seen = now;
            return completionChange(*after, now);
        },
        origin);
    if (!updated || !seen) return {};
    auto tasks = followUps(*after, *seen, *updated, requireInspection_);
    for (Task& task : tasks) task.createdById = origin.actorId; // whoever completed the task asked for it
    return tasks;
}

} // namespace motel::tasks
