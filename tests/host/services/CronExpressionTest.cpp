#include "services/CronExpression.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

using motel::host::CronExpression;

namespace {

CronExpression::TimePoint utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
    const Poco::DateTime at(year, month, day, hour, minute, second);
    return CronExpression::TimePoint(std::chrono::microseconds(at.timestamp().epochMicroseconds()));
}

std::string show(CronExpression::TimePoint at) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
    return Poco::DateTimeFormatter::format(Poco::Timestamp(micros), "%Y-%m-%d %H:%M:%S %w");
}

std::string next(const std::string& expression, CronExpression::TimePoint after) {
    return show(CronExpression(expression).next(after));
}

std::string errorOf(const std::string& expression) {
    try {
        CronExpression parsed(expression);
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "accepted";
}

} // namespace

class CronExpressionTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CronExpressionTest);
    CPPUNIT_TEST(testEveryMinuteIsStrictlyAfter);
    CPPUNIT_TEST(testStepsListsAndRanges);
    CPPUNIT_TEST(testWeekdaysAndSunday);
    CPPUNIT_TEST(testDayOfMonthOrDayOfWeek);
    CPPUNIT_TEST(testCalendarRollovers);
    CPPUNIT_TEST(testRejectsMalformedExpressions);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryMinuteIsStrictlyAfter() {
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 12:01:00 Tue"), next("* * * * *", utc(2026, 3, 10, 12, 0, 30)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 12:01:00 Tue"), next("* * * * *", utc(2026, 3, 10, 12, 0, 0)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 12:01:00 Tue"),
                             next("  *  *   * * *  ", utc(2026, 3, 10, 12, 0, 59)));
    }

    void testStepsListsAndRanges() {
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 12:15:00 Tue"), next("*/15 * * * *", utc(2026, 3, 10, 12, 1)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 13:00:00 Tue"), next("*/15 * * * *", utc(2026, 3, 10, 12, 45)));
        const std::string listed = "5,10-12,50-59/5 * * * *";
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 12:05:00 Tue"), next(listed, utc(2026, 3, 10, 12, 0)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 12:11:00 Tue"), next(listed, utc(2026, 3, 10, 12, 10)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 12:50:00 Tue"), next(listed, utc(2026, 3, 10, 12, 12)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 12:55:00 Tue"), next(listed, utc(2026, 3, 10, 12, 50)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 13:05:00 Tue"), next(listed, utc(2026, 3, 10, 12, 55)));
        // `a/n` runs from a to the end of the field.
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-10 22:00:00 Tue"), next("0 10/6 * * *", utc(2026, 3, 10, 16, 30)));
    }

    void testWeekdaysAndSunday() {
        // 2026-03-14 is a Saturday.
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-16 09:00:00 Mon"), next("0 9 * * 1-5", utc(2026, 3, 14, 8)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-15 02:30:00 Sun"), next("30 2 * * 7", utc(2026, 3, 14)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-15 02:30:00 Sun"), next("30 2 * * 0", utc(2026, 3, 14)));
    }

    void testDayOfMonthOrDayOfWeek() {
        // Both restricted: the 13th or any Friday (2026-03-13 is a Friday).
        const std::string expression = "0 0 13 * 5";
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-13 00:00:00 Fri"), next(expression, utc(2026, 3, 11)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-20 00:00:00 Fri"), next(expression, utc(2026, 3, 13, 1)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-04-03 00:00:00 Fri"), next(expression, utc(2026, 3, 28)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-04-13 00:00:00 Mon"), next(expression, utc(2026, 4, 11)));
        // Day of week `*`: only the 13th.
        CPPUNIT_ASSERT_EQUAL(std::string("2026-04-13 00:00:00 Mon"), next("0 0 13 * *", utc(2026, 3, 14)));
    }

    void testCalendarRollovers() {
        CPPUNIT_ASSERT_EQUAL(std::string("2027-01-01 00:00:00 Fri"), next("0 0 1 1 *", utc(2026, 1, 1, 0, 0, 1)));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-05-31 00:00:00 Sun"), next("0 0 31 * *", utc(2026, 4, 15)));
        CPPUNIT_ASSERT_EQUAL(std::string("2028-02-29 00:00:00 Tue"), next("0 0 29 2 *", utc(2025, 3, 1)));
        CPPUNIT_ASSERT_EQUAL(std::string("2027-01-01 00:00:00 Fri"), next("* * * * *", utc(2026, 12, 31, 23, 59)));
    }

    void testRejectsMalformedExpressions() {
        CPPUNIT_ASSERT(errorOf("").find("expected 5") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("* * * *").find("has 4 fields") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("* * * * * *").find("has 6 fields") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("60 * * * *").find("minute") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("* 24 * * *").find("hour") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("* * 0 * *").find("day-of-month") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("* * * 13 *").find("month") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("* * * * 8").find("day-of-week") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("*/0 * * * *").find("step") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("5-1 * * * *").find("backwards") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("mon * * * *").find("not a number") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("* * * * mon").find("not a number") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("1,,2 * * * *") != "accepted");
        CPPUNIT_ASSERT(errorOf("1, * * * *") != "accepted");
        CPPUNIT_ASSERT(errorOf("-1 * * * *") != "accepted");
        CPPUNIT_ASSERT(errorOf("0 0 31 2 *").find("never") != std::string::npos);
        CPPUNIT_ASSERT(errorOf("0 0 30 2,4 *") == "accepted");
        CPPUNIT_ASSERT(errorOf("@daily") != "accepted");
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CronExpressionTest);
