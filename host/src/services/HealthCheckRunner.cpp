#include "services/HealthCheckRunner.h"

#include "services/ExceptionText.h"

#include <condition_variable>
#include <optional>
#include <stdexcept>
#include <thread>

namespace motel::host {

namespace {

using Clock = std::chrono::steady_clock;

sdk::HealthResult down(const std::string& error) {
    sdk::HealthResult result;
    result.up = false;
    result.level = sdk::HealthLevel::critical;
    result.details = new Poco::JSON::Object;
    result.details->set("error", error);
    return result;
}

sdk::HealthResult timedOut(std::chrono::milliseconds timeout) {
    return down("timed out after " + std::to_string(timeout.count()) + " ms");
}

/// Call `check`, turning any exception into a down/critical result.
sdk::HealthResult invoke(const HealthCheckRunner::Check& check) {
    try {
        return check();
    } catch (...) {
        return down(describeCurrentException());
    }
}

} // namespace

/// One execution of a check: shared by the thread that runs it and every
/// caller waiting for it, so either side may go away first.
class HealthCheckRunner::Run {
public:
    explicit Run(std::chrono::milliseconds timeout) : _timeout(timeout), _deadline(Clock::now() + timeout) {}

    void finish(sdk::HealthResult result) {
        {
            std::lock_guard<std::mutex> lock(_mutex);
            _result = std::move(result);
        }
        _finished.notify_all();
    }

    bool finished() const {
        std::lock_guard<std::mutex> lock(_mutex);
        return _result.has_value();
    }

    /// The result, or a timeout once the run's own deadline has passed.
    sdk::HealthResult await() const {
        std::unique_lock<std::mutex> lock(_mutex);
        if (_finished.wait_until(lock, _deadline, [this] { return _result.has_value(); }))
            return *_result;
        return timedOut(_timeout);
    }

private:
    const std::chrono::milliseconds _timeout;
    const Clock::time_point _deadline;
    mutable std::mutex _mutex;
    mutable std::condition_variable _finished;
    std::optional<sdk::HealthResult> _result;
};

HealthCheckRunner::HealthCheckRunner() = default;

HealthCheckRunner::~HealthCheckRunner() = default;

void HealthCheckRunner::add(const std::string& name, Check check, std::chrono::milliseconds timeout) {
    if (name.empty())
        throw std::invalid_argument("a health check needs a name");
    if (!check)
        throw std::invalid_argument("health check '" + name + "' is empty");
    if (timeout.count() <= 0)
        throw std::invalid_argument("health check '" + name + "' needs a positive timeout");
    std::lock_guard<std::mutex> lock(_mutex);
    for (auto& registration : _registrations) {
        if (registration.name == name) {
            registration = Registration{name, std::move(check), timeout, nullptr};
            return;
        }
    }
    _registrations.push_back(Registration{name, std::move(check), timeout, nullptr});
}

std::vector<std::pair<std::string, sdk::HealthResult>> HealthCheckRunner::runAll() {
    // Start (or join) every check first, then wait: the waits overlap, so the
    // whole call takes as long as the slowest check, not their sum.
    std::vector<std::pair<std::string, std::shared_ptr<Run>>> runs;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        runs.reserve(_registrations.size());
        for (auto& registration : _registrations) {
            if (!registration.latest || registration.latest->finished())
                registration.latest = start(registration);
            runs.emplace_back(registration.name, registration.latest);
        }
    }
    std::vector<std::pair<std::string, sdk::HealthResult>> results;
    results.reserve(runs.size());
    for (const auto& [name, run] : runs)
        results.emplace_back(name, run->await());
    return results;
}

std::vector<std::string> HealthCheckRunner::names() const {
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<std::string> result;
    for (const auto& registration : _registrations)
        result.push_back(registration.name);
    return result;
}

std::shared_ptr<HealthCheckRunner::Run> HealthCheckRunner::start(const Registration& registration) {
    auto run = std::make_shared<Run>(registration.timeout);
    try {
        std::thread([run, check = registration.check] { run->finish(invoke(check)); }).detach();
    } catch (const std::system_error& error) {
        run->finish(down(std::string("could not start the check: ") + error.what()));
    }
    return run;
}

} // namespace motel::host
