#include "services/JobContract.h"

#include "services/ExceptionText.h"

#include <stdexcept>

namespace motel::host::JobContract {

void checkSchedule(const std::string& name, const sdk::Jobs::JobFn& fn) {
    if (name.empty()) throw std::invalid_argument("a scheduled job needs a name");
    if (!fn) throw std::invalid_argument("scheduled job '" + name + "' has no function");
}

void checkInterval(const std::string& name, std::chrono::milliseconds interval) {
    if (interval.count() <= 0) throw std::invalid_argument("scheduled job '" + name + "' needs a positive interval");
}

void checkHandler(const std::string& queue, const sdk::Jobs::QueueHandler& handler) {
    if (queue.empty()) throw std::invalid_argument("a job queue needs a name");
    if (!handler) throw std::invalid_argument("handler for job queue '" + queue + "' is empty");
}

void checkEnqueue(const std::string& queue, const sdk::JobOptions& options) {
    if (queue.empty()) throw std::invalid_argument("a job queue needs a name");
    if (options.maxAttempts < 1)
        throw std::invalid_argument("a job on queue '" + queue + "' needs maxAttempts of at least 1");
}

void checkWorkers(std::size_t workers) {
    if (workers == 0) throw std::invalid_argument("the job engine needs at least one worker");
}

DeadlineClock& checkClock(const std::shared_ptr<DeadlineClock>& clock) {
    if (!clock) throw std::invalid_argument("the job engine needs a clock");
    return *clock;
}

void checkCanStart(bool started, bool stopped) {
    if (stopped) throw std::logic_error("the job engine has been stopped");
    if (started) throw std::logic_error("the job engine is already started");
}

std::string alreadyScheduled(const std::string& name) {
    return "a job named '" + name + "' is already scheduled";
}

std::string alreadyHandled(const std::string& queue) {
    return "job queue '" + queue + "' already has a handler";
}

std::optional<std::string> runCatching(const std::function<void()>& fn) {
    try {
        fn();
        return std::nullopt;
    } catch (...) {
        return describeCurrentException();
    }
}

} // namespace motel::host::JobContract
