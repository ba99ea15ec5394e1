#include "services/HealthCheckRunner.h"

#include "services/ExceptionText.h"

#include <condition_variable>
#include <optional>
#include <stdexcept>
#include <thread>

namespace motel::host {

namespace {

sdk::HealthResult timedOut(std::chrono::milliseconds timeout) {
    return sdk::HealthResult::down("timed out after " + std::to_string(timeout.count()) + " ms");
}

/// Call `check`, turning any exception into a down/critical result.
sdk::HealthResult invoke(const HealthCheckRunner::Check& check) {
    try {
        return check();
    } catch (...) {
        return sdk::HealthResult::down(describeCurrentException());
    }
}

} // namespace

/// One execution of a check: shared by the thread that runs it and every
/// caller waiting for it, so either side may go away first.
class HealthCheckRunner::Run {
public:
    Run(std::chrono::milliseconds timeout, std::shared_ptr<DeadlineClock> clock)
        : timeout_(timeout), clock_(std::move(clock)), deadline_(clock_->now() + timeout) {}

    void finish(sdk::HealthResult result) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            result_ = std::move(result);
        }
        finished_.notify_all();
    }

    bool finished() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return result_.has_value();
    }

    /// The result, or a timeout once the run's own deadline has passed.
    sdk::HealthResult await() const {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!result_ && clock_->now() < deadline_) clock_->waitUntil(finished_, lock, deadline_);
        if (result_) return *result_;
        return timedOut(timeout_);
    }

    /// The clock jumped: waiters look at the deadline again.
    void wake() const {
        std::lock_guard<std::mutex> lock(mutex_);
        finished_.notify_all();
    }

private:
    const std::chrono::milliseconds timeout_;
    const std::shared_ptr<DeadlineClock> clock_;
    const DeadlineClock::Steady::time_point deadline_;
    mutable std::mutex mutex_;
    mutable std::condition_variable finished_;
    std::optional<sdk::HealthResult> result_;
};

HealthCheckRunner::HealthCheckRunner(std::shared_ptr<DeadlineClock> clock) : clock_(std::move(clock)) {
    if (!clock_) throw std::invalid_argument("the health check runner needs a clock");
}

HealthCheckRunner::~HealthCheckRunner() = default;

void HealthCheckRunner::add(const std::string& name, Check check, std::chrono::milliseconds timeout) {
    if (name.empty()) throw std::invalid_argument("a health check needs a name");
    if (!check) throw std::invalid_argument("health check '" + name + "' is empty");
    if (timeout.count() <= 0) throw std::invalid_argument("health check '" + name + "' needs a positive timeout");
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& registration : registrations_) {
        if (registration.name == name) {
            registration = Registration{name, std::move(check), timeout, nullptr};
            return;
        }
    }
    registrations_.push_back(Registration{name, std::move(check), timeout, nullptr});
}

std::vector<std::pair<std::string, sdk::HealthResult>> HealthCheckRunner::runAll() {
    // Start (or join) every check first, then wait: the waits overlap, so the
    // whole call takes as long as the slowest check, not their sum.
    std::vector<std::pair<std::string, std::shared_ptr<Run>>> runs;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        runs.reserve(registrations_.size());
        for (auto& registration : registrations_) {
            if (!registration.latest || registration.latest->finished()) registration.latest = start(registration);
            runs.emplace_back(registration.name, registration.latest);
        }
    }
    std::vector<std::pair<std::string, sdk::HealthResult>> results;
    results.reserve(runs.size());
    for (const auto& [name, run] : runs) results.emplace_back(name, run->await());
    return results;
}

std::vector<std::string> HealthCheckRunner::names() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> result;
    for (const auto& registration : registrations_) result.push_back(registration.name);
    return result;
}

std::shared_ptr<HealthCheckRunner::Run> HealthCheckRunner::start(const Registration& registration) {
    auto run = std::make_shared<Run>(registration.timeout, clock_);
    clock_->onJump([weak = std::weak_ptr<Run>(run)] {
        if (const auto live = weak.lock()) live->wake();
    });
    try {
        std::thread([run, check = registration.check] { run->finish(invoke(check)); }).detach();
    } catch (const std::system_error& error) {
        run->finish(sdk::HealthResult::down(std::string("could not start the check: ") + error.what()));
    }
    return run;
}

} // namespace motel::host
