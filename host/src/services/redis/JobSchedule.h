#pragma once
// When a scheduled job's ticks fall, the same on every host.

#include "services/CronExpression.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace motel::host {

/// The ticks of an every()/cron() job as wall-clock instants (milliseconds
/// since the Unix epoch) that every host computes identically, so a tick
/// can name a lease in Redis: an interval's ticks are its multiples since
/// the epoch (every 1 min: each whole minute, UTC), a cron expression's are
/// the minutes it matches (CronExpression, UTC).
class JobSchedule {
public:
    /// Throws std::invalid_argument for a non-positive interval.
    static JobSchedule every(std::chrono::milliseconds interval);
    /// Throws std::invalid_argument for a malformed expression.
    static JobSchedule cron(const std::string& expression);

    /// The first tick strictly after `afterMs`.
    std::int64_t nextTick(std::int64_t afterMs) const;
    /// The shortest gap between two ticks (the interval; a minute for cron).
    std::chrono::milliseconds shortestGap() const;

private:
    explicit JobSchedule(std::chrono::milliseconds interval) : interval_(interval) {}
    explicit JobSchedule(CronExpression cron) : cron_(std::move(cron)) {}

    std::chrono::milliseconds interval_{0};
    std::optional<CronExpression> cron_;
};

} // namespace motel::host
