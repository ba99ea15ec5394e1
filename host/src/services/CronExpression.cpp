#include "services/CronExpression.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <sstream>
#include <stdexcept>
#include <vector>

namespace motel::host {

namespace {

struct CivilDate {
    int year;
    int month; ///< 1-12
    int day;   ///< 1-31
};

// Howard Hinnant's algorithms between days since 1970-01-01 and a proleptic
// Gregorian date (http://howardhinnant.github.io/date_algorithms.html).
long long daysFromCivil(CivilDate date) {
    const long long year = date.year - (date.month <= 2 ? 1 : 0);
    const long long era = (year >= 0 ? year : year - 399) / 400;
    const long long yearOfEra = year - era * 400;
    const long long dayOfYear = (153 * (date.month > 2 ? date.month - 3 : date.month + 9) + 2) / 5 + date.day - 1;
    const long long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

CivilDate civilFromDays(long long days) {
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const long long dayOfEra = days - era * 146097;
    const long long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const long long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const long long shiftedMonth = (5 * dayOfYear + 2) / 153;
    const int day = static_cast<int>(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    const int month = static_cast<int>(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    return {static_cast<int>(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

int daysInMonth(int year, int month) {
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : lengths[month - 1];
}

int parseNumber(const std::string& text, const char* name) {
    unsigned value = 0;
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        !Poco::NumberParser::tryParseUnsigned(text, value) || value > 1000)
        throw std::invalid_argument(std::string(name) + " field: '" + text + "' is not a number");
    return static_cast<int>(value);
}

} // namespace

CronExpression::CronExpression(const std::string& expression) : text_(Poco::trim(expression)) {
    std::vector<std::string> fields;
    std::istringstream words(text_);
    for (std::string word; words >> word;) fields.push_back(word);
    if (fields.size() != 5)
        throw std::invalid_argument("cron expression '" + text_ + "' has " + std::to_string(fields.size()) +
                                    " fields; expected 5 (minute hour day-of-month month day-of-week)");
    try {
        minutes_ = parseField(fields[0], "minute", 0, 59);
        hours_ = parseField(fields[1], "hour", 0, 23);
        daysOfMonth_ = parseField(fields[2], "day-of-month", 1, 31);
        months_ = parseField(fields[3], "month", 1, 12);
        daysOfWeek_ = parseField(fields[4], "day-of-week", 0, 7);
    } catch (const std::invalid_argument& error) {
        throw std::invalid_argument("cron expression '" + text_ + "': " + error.what());
    }
    if (daysOfWeek_.test(7)) daysOfWeek_.set(0);
    daysOfWeek_.reset(7);
    anyDayOfMonth_ = fields[2][0] == '*';
    anyDayOfWeek_ = fields[4][0] == '*';

    if (!anyDayOfMonth_ && anyDayOfWeek_) {
        bool possible = false;
        for (int month = 1; month <= 12 && !possible; ++month)
            for (int day = 1; day <= daysInMonth(2000, month) && !possible; ++day) // 2000: a leap year
                possible = months_.test(month) && daysOfMonth_.test(day);
        if (!possible)
            throw std::invalid_argument("cron expression '" + text_ +
                                        "' never matches: no chosen month has the chosen day of month");
    }
}

CronExpression::TimePoint CronExpression::next(TimePoint after) const {
    using std::chrono::minutes;
    long long minute = std::chrono::floor<minutes>(after).time_since_epoch().count() + 1;
    const long long minutesPerDay = 24 * 60;
    // A satisfiable expression matches at least once every 8 years (29 Feb).
    const long long giveUpAt = minute + 9LL * 366 * minutesPerDay;
    while (minute < giveUpAt) {
        const long long days = minute >= 0 ? minute / minutesPerDay : -((-minute - 1) / minutesPerDay) - 1;
        const int minuteOfDay = static_cast<int>(minute - days * minutesPerDay);
        const CivilDate date = civilFromDays(days);
        if (!months_.test(date.month)) {
            const bool december = date.month == 12;
            minute =
                daysFromCivil({december ? date.year + 1 : date.year, december ? 1 : date.month + 1, 1}) * minutesPerDay;
            continue;
        }
        const int dayOfWeek = static_cast<int>(((days % 7) + 7 + 4) % 7); // 1970-01-01 was a Thursday
        if (!dayMatches(date.day, dayOfWeek)) {
            minute = (days + 1) * minutesPerDay;
            continue;
        }
        if (!hours_.test(minuteOfDay / 60)) {
            minute += 60 - minuteOfDay % 60;
            continue;
        }
        if (!minutes_.test(minuteOfDay % 60)) {
            ++minute;
            continue;
        }
        return TimePoint(std::chrono::duration_cast<TimePoint::duration>(minutes(minute)));
    }
    throw std::logic_error("cron expression '" + text_ + "' has no next run");
}

CronExpression::Field CronExpression::parseField(const std::string& text, const char* name, int low, int high) {
    Field field;
    Poco::StringTokenizer items(text, ",");
    if (items.count() == 0 || text.back() == ',') throw std::invalid_argument(std::string(name) + " field is empty");
    for (const auto& item : items) parseItem(item, name, low, high, field);
    return field;
}

void CronExpression::parseItem(const std::string& item, const char* name, int low, int high, Field& field) {
    const auto slash = item.find('/');
    const std::string range = item.substr(0, slash);
    int step = 1;
    if (slash != std::string::npos) {
        step = parseNumber(item.substr(slash + 1), name);
        if (step == 0)
            throw std::invalid_argument(std::string(name) + " field: step in '" + item + "' must be at least 1");
    }
    int first = low;
    int last = high;
    if (range != "*") {
        const auto dash = range.find('-');
        first = parseNumber(range.substr(0, dash), name);
        if (dash != std::string::npos)
            last = parseNumber(range.substr(dash + 1), name);
        else if (slash == std::string::npos)
            last = first;
        if (first < low || last > high)
            throw std::invalid_argument(std::string(name) + " field: '" + item + "' is outside " + std::to_string(low) +
                                        "-" + std::to_string(high));
        if (first > last)
            throw std::invalid_argument(std::string(name) + " field: range '" + item + "' runs backwards");
    }
    for (int value = first; value <= last; value += step) field.set(static_cast<std::size_t>(value));
}

bool CronExpression::dayMatches(int dayOfMonth, int dayOfWeek) const {
    const bool monthDay = daysOfMonth_.test(static_cast<std::size_t>(dayOfMonth));
    const bool weekDay = daysOfWeek_.test(static_cast<std::size_t>(dayOfWeek));
    if (!anyDayOfMonth_ && !anyDayOfWeek_) return monthDay || weekDay;
    return monthDay && weekDay;
}

} // namespace motel::host
