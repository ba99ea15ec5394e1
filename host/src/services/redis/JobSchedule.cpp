#include "services/redis/JobSchedule.h"

#include <stdexcept>

namespace motel::host {

JobSchedule JobSchedule::every(std::chrono::milliseconds interval) {
    if (interval.count() <= 0) throw std::invalid_argument("a scheduled job needs a positive interval");
    return JobSchedule(interval);
}

JobSchedule JobSchedule::cron(const std::string& expression) {
    return JobSchedule(CronExpression(expression));
}

std::int64_t JobSchedule::nextTick(std::int64_t afterMs) const {
    if (cron_) {
        const CronExpression::TimePoint after{std::chrono::milliseconds(afterMs)};
        const auto next = cron_->next(after);
        return std::chrono::duration_cast<std::chrono::milliseconds>(next.time_since_epoch()).count();
    }
    const std::int64_t interval = interval_.count();
    return (afterMs / interval + 1) * interval;
}

std::chrono::milliseconds JobSchedule::shortestGap() const {
    return cron_ ? std::chrono::milliseconds(std::chrono::minutes(1)) : interval_;
}

} // namespace motel::host
