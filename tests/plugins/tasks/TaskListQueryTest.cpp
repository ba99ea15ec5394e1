#include <motel/sdk/testing/Callers.h>
#include "TaskListQuery.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::Principal;
using motel::sdk::Request;
using motel::sdk::ValidationError;
using motel::tasks::TaskListQuery;

namespace {
const std::string kNow = "2026-01-01T09:30:00.000Z";
Request withQuery(std::vector<std::pair<std::string, std::string>> query) {
    Request request;
    request.query = std::move(query);
    request.principal = motel::sdk::testing::caller(7, "staff1@motel.test", "Staff", "staff");
    return request;
}
bool has(const std::string& sql, const std::string& part) {
    return sql.find(part) != std::string::npos;
}
} // namespace

class TaskListQueryTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TaskListQueryTest);
    CPPUNIT_TEST(statusListBecomesIn);
    CPPUNIT_TEST(mineAndOverdue);
    CPPUNIT_TEST(falseFlagsFilterNothing);
    CPPUNIT_TEST(prioritySortsByRank);
    CPPUNIT_TEST(dueAtSortPutsUndatedLast);
    CPPUNIT_TEST(refusesBadParameters);
    CPPUNIT_TEST_SUITE_END();

public:
    void statusListBecomesIn() {
        const auto query =
            TaskListQuery::page(TaskListQuery::read(withQuery({{"status", "pending,in_progress"}}), kNow));
        CPPUNIT_ASSERT(has(query.sql, "WHERE status IN ($1, $2)"));
        CPPUNIT_ASSERT_EQUAL(std::string("in_progress"), query.params[1].convert<std::string>());
    }

    void mineAndOverdue() {
        const auto query =
            TaskListQuery::page(TaskListQuery::read(withQuery({{"mine", "true"}, {"overdue", "true"}}), kNow));
        CPPUNIT_ASSERT(has(query.sql, "assignee_id = $1 AND due_at < $2 AND status IN ('pending', 'in_progress')"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(7), query.params[0].convert<Poco::Int64>());
        CPPUNIT_ASSERT_EQUAL(kNow, query.params[1].convert<std::string>());
    }

    void falseFlagsFilterNothing() {
        const auto query =
            TaskListQuery::page(TaskListQuery::read(withQuery({{"mine", "false"}, {"overdue", "false"}}), kNow));
        CPPUNIT_ASSERT(!has(query.sql, "WHERE"));
    }

    void prioritySortsByRank() {
        const auto query = TaskListQuery::page(TaskListQuery::read(withQuery({{"sort", "-priority"}}), kNow));
        CPPUNIT_ASSERT(has(query.sql, "ORDER BY priority_rank DESC, id ASC"));
    }

    void dueAtSortPutsUndatedLast() {
        const auto query = TaskListQuery::page(TaskListQuery::read(withQuery({{"sort", "dueAt"}}), kNow));
        CPPUNIT_ASSERT(has(query.sql, "ORDER BY (due_at IS NULL) ASC, due_at ASC, id ASC"));
    }

    void refusesBadParameters() {
        for (const auto& bad : std::vector<std::pair<std::string, std::string>>{{"status", "pending,done"},
                                                                                {"type", "party"},
                                                                                {"priority", "asap"},
                                                                                {"suiteId", "abc"},
                                                                                {"assigneeId", "1.5"},
                                                                                {"mine", "yes"},
                                                                                {"sort", "title"},
                                                                                {"limit", "0"}})
            CPPUNIT_ASSERT_THROW_MESSAGE(bad.first, TaskListQuery::read(withQuery({bad}), kNow), ValidationError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskListQueryTest);
