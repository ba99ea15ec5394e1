// AuditRoutes: the filters, sort and page of GET /api/audit, and the 400s for bad ones.
#include "AuditRoutes.h"
#include "support/ValidationProblems.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

using motel::auth::AuditQuery;
using motel::auth::AuditRoutes;
using motel::test::contains;

namespace {

motel::sdk::Request requestWith(std::vector<std::pair<std::string, std::string>> query) {
    motel::sdk::Request request;
    request.method = "GET";
    request.path = "/api/audit";
    request.query = std::move(query);
    return request;
}

AuditQuery parse(std::vector<std::pair<std::string, std::string>> query) {
    const auto request = requestWith(std::move(query));
    motel::sdk::ListQuery list(request, {"at"});
    return AuditRoutes::parseQuery(request, list);
}

/// The validation messages of a query that must be refused.
std::vector<std::string> queryProblems(std::vector<std::pair<std::string, std::string>> query) {
    return motel::test::problemsOf([&] { parse(std::move(query)); });
}

} // namespace

class AuditRoutesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AuditRoutesTest);
    CPPUNIT_TEST(defaultsAreNewestFirstFiftyPerPage);
    CPPUNIT_TEST(filtersAreRead);
    CPPUNIT_TEST(sortAtIsOldestFirst);
    CPPUNIT_TEST(badParametersAreAllReported);
    CPPUNIT_TEST_SUITE_END();

public:
    void defaultsAreNewestFirstFiftyPerPage() {
        const auto query = parse({});
        CPPUNIT_ASSERT(query.newestFirst);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(50), query.limit);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), query.offset);
        CPPUNIT_ASSERT(!query.actorId && !query.entity && !query.action && !query.from && !query.to);
    }

    void filtersAreRead() {
        const auto query = parse({{"actorId", "4"},
                                  {"entity", "suites"},
                                  {"action", "PATCH /api/suites/:id"},
                                  {"from", "2026-01-01T00:00:00Z"},
                                  {"to", "2026-01-02T01:00:00+01:00"},
                                  {"limit", "500"},
                                  {"offset", "10"}});
        CPPUNIT_ASSERT(query.actorId == std::int64_t(4));
        CPPUNIT_ASSERT(query.entity == std::string("suites"));
        CPPUNIT_ASSERT(query.action == std::string("PATCH /api/suites/:id"));
        CPPUNIT_ASSERT(query.from == std::string("2026-01-01T00:00:00.000Z"));
        CPPUNIT_ASSERT(query.to == std::string("2026-01-02T00:00:00.000Z")); // normalised to UTC
        CPPUNIT_ASSERT_EQUAL(std::int64_t(200), query.limit);                // clamped
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10), query.offset);
    }

    void sortAtIsOldestFirst() {
        CPPUNIT_ASSERT(!parse({{"sort", "at"}}).newestFirst);
        CPPUNIT_ASSERT(parse({{"sort", "-at"}}).newestFirst);
    }

    void badParametersAreAllReported() {
        const auto problems = queryProblems(
            {{"actorId", "me"}, {"from", "yesterday"}, {"to", "2026-13-01"}, {"entity", ""}, {"sort", "id"}});
        CPPUNIT_ASSERT(contains(problems, "from must be a valid ISO 8601 date string"));
        CPPUNIT_ASSERT(contains(problems, "to must be a valid ISO 8601 date string"));
        CPPUNIT_ASSERT(contains(problems, "entity must not be empty"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), problems.size()); // plus actorId and sort, in ListQuery's words
        CPPUNIT_ASSERT(!queryProblems({{"limit", "0"}}).empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuditRoutesTest);
