#include "SuiteListQuery.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::Request;
using motel::sdk::ValidationError;
using motel::suites::SuiteListQuery;

namespace {
Request withQuery(std::vector<std::pair<std::string, std::string>> query) {
    Request request;
    request.query = std::move(query);
    return request;
}
} // namespace

class SuiteListQueryTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SuiteListQueryTest);
    CPPUNIT_TEST(defaultsToIdOrderFiftyRows);
    CPPUNIT_TEST(filtersBecomeBoundConditions);
    CPPUNIT_TEST(sortsDescendingWithIdTieBreak);
    CPPUNIT_TEST(refusesBadParameters);
    CPPUNIT_TEST(countUsesTheSameFilters);
    CPPUNIT_TEST(pageCarriesTheTotalOfTheSameFilters);
    CPPUNIT_TEST_SUITE_END();

public:
    void defaultsToIdOrderFiftyRows() {
        const auto filters = SuiteListQuery::read(withQuery({}));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(50), filters.limit);
        const auto query = SuiteListQuery::page(filters);
        CPPUNIT_ASSERT(query.sql.find("ORDER BY id ASC LIMIT $1 OFFSET $2") != std::string::npos);
        CPPUNIT_ASSERT(query.sql.find("WHERE") == std::string::npos);
    }

    void filtersBecomeBoundConditions() {
        const auto filters =
            SuiteListQuery::read(withQuery({{"occupancy", "vacant"}, {"floor", "2"}, {"serviceState", "in_service"}}));
        const auto query = SuiteListQuery::page(filters);
        CPPUNIT_ASSERT(query.sql.find("WHERE occupancy = $1 AND service_state = $2 AND floor = $3") !=
                       std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), query.params.size());
        CPPUNIT_ASSERT_EQUAL(std::string("vacant"), query.params[0].convert<std::string>());
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), query.params[2].convert<Poco::Int64>());
    }

    void sortsDescendingWithIdTieBreak() {
        const auto query = SuiteListQuery::page(SuiteListQuery::read(withQuery({{"sort", "-updatedAt"}})));
        CPPUNIT_ASSERT(query.sql.find("ORDER BY updated_at DESC, id ASC") != std::string::npos);
    }

    void refusesBadParameters() {
        for (const auto& bad : std::vector<std::pair<std::string, std::string>>{
                 {"condition", "sparkling"}, {"floor", "two"}, {"sort", "name"}, {"limit", "0"}, {"offset", "-1"}}) {
            CPPUNIT_ASSERT_THROW(SuiteListQuery::read(withQuery({bad})), ValidationError);
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(200), SuiteListQuery::read(withQuery({{"limit", "500"}})).limit);
    }

    void countUsesTheSameFilters() {
        const auto query = SuiteListQuery::count(SuiteListQuery::read(withQuery({{"condition", "dirty"}})));
        CPPUNIT_ASSERT_EQUAL(std::string("SELECT COUNT(*) AS total_count FROM suites WHERE condition = $1"), query.sql);
    }

    void pageCarriesTheTotalOfTheSameFilters() {
        // One statement: the page and, in the same snapshot, the count of
        // every row the filters match (not a window over the page).
        const auto query = SuiteListQuery::page(SuiteListQuery::read(withQuery({{"condition", "dirty"}})));
        CPPUNIT_ASSERT(query.sql.find("(SELECT COUNT(*) FROM suites WHERE condition = $1) AS total_count") !=
                       std::string::npos);
        CPPUNIT_ASSERT(query.sql.find("FROM suites WHERE condition = $1 ORDER BY id ASC LIMIT $2 OFFSET $3") !=
                       std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), query.params.size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SuiteListQueryTest);
