#pragma once
// The rules every job engine applies the same way: what a valid
// registration or enqueue is, and how a job's failure is caught.

#include "services/DeadlineClock.h"

#include <motel/sdk/Jobs.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace motel::host::JobContract {

/// std::invalid_argument for an empty name or function.
void checkSchedule(const std::string& name, const sdk::Jobs::JobFn& fn);
/// std::invalid_argument for a non-positive interval.
void checkInterval(const std::string& name, std::chrono::milliseconds interval);
/// std::invalid_argument for an empty queue name or handler.
void checkHandler(const std::string& queue, const sdk::Jobs::QueueHandler& handler);
/// std::invalid_argument for an empty queue name or maxAttempts < 1.
void checkEnqueue(const std::string& queue, const sdk::JobOptions& options);

/// std::invalid_argument for zero workers.
void checkWorkers(std::size_t workers);
/// The clock an engine's options name; std::invalid_argument when null.
DeadlineClock& checkClock(const std::shared_ptr<DeadlineClock>& clock);
/// std::logic_error unless the engine may start now: once, never after stop().
void checkCanStart(bool started, bool stopped);

/// The message for a name registered twice (std::logic_error).
std::string alreadyScheduled(const std::string& name);
std::string alreadyHandled(const std::string& queue);

/// Runs `fn`; what it threw (describeCurrentException()), or nothing.
std::optional<std::string> runCatching(const std::function<void()>& fn);

} // namespace motel::host::JobContract
