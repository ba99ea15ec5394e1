#pragma once
// A parsed five-field cron schedule.

#include <bitset>
#include <chrono>
#include <string>

namespace motel::host {

/// "minute hour day-of-month month day-of-week", evaluated in UTC, as
/// Jobs::cron() takes it. Each field is `*` or a comma list of values,
/// ranges `a-b` and steps `*/n`, `a-b/n`, `a/n` (from a to the field's end).
/// Day of week is 0-7 with 0 and 7 both Sunday. Names (`mon`, `jan`) and the
/// `@daily` shorthands are not supported. As in Vixie cron, when both day
/// fields are restricted a day matches if either matches.
class CronExpression {
public:
    using TimePoint = std::chrono::system_clock::time_point;

    /// Throws std::invalid_argument saying which field is wrong and why, also
    /// for a day of month that none of the chosen months has (`0 0 31 2 *`).
    explicit CronExpression(const std::string& expression);

    /// The first whole minute strictly after `after` that matches.
    TimePoint next(TimePoint after) const;

    const std::string& text() const { return text_; }

private:
    using Field = std::bitset<64>;

    static Field parseField(const std::string& text, const char* name, int low, int high);
    static void parseItem(const std::string& item, const char* name, int low, int high, Field& field);
    bool dayMatches(int dayOfMonth, int dayOfWeek) const;

    std::string text_;
    Field minutes_;     ///< bits 0-59
    Field hours_;       ///< bits 0-23
    Field daysOfMonth_; ///< bits 1-31
    Field months_;      ///< bits 1-12
    Field daysOfWeek_;  ///< bits 0-6, Sunday = 0
    bool anyDayOfMonth_ = true;
    bool anyDayOfWeek_ = true;
};

} // namespace motel::host
