#include <motel/sdk/Errors.h>
#include <motel/sdk/ListQuery.h>

#include <limits>
#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::ListQuery;
using motel::sdk::Request;

namespace {
Request withQuery(std::vector<std::pair<std::string, std::string>> query) {
    Request r;
    r.method = "GET";
    r.path = "/api/things";
    r.query = std::move(query);
    return r;
}

bool rejects(const Request& r, const std::vector<std::string>& sort = {"number"}) {
    ListQuery q(r, sort);
    try {
        q.finish();
        return false;
    } catch (const motel::sdk::ValidationError&) {
        return true;
    }
}
} // namespace

class ListQueryTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ListQueryTest);
    CPPUNIT_TEST(defaults);
    CPPUNIT_TEST(limitIsClampedTo200);
    CPPUNIT_TEST(badPagingIsRejected);
    CPPUNIT_TEST(pagingBeyond64BitsSaturates);
    CPPUNIT_TEST(sortAcceptsOnlyDocumentedFields);
    CPPUNIT_TEST(enumFilters);
    CPPUNIT_TEST(envelopeShape);
    CPPUNIT_TEST_SUITE_END();

public:
    void defaults() {
        auto r = withQuery({});
        ListQuery q(r, {"number"});
        q.finish();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(50), q.limit());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), q.offset());
        CPPUNIT_ASSERT(q.sort().field.empty());
    }

    void limitIsClampedTo200() {
        auto r = withQuery({{"limit", "5000"}, {"offset", "10"}});
        ListQuery q(r, {});
        q.finish();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(200), q.limit());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10), q.offset());
    }

    void badPagingIsRejected() {
        CPPUNIT_ASSERT(rejects(withQuery({{"limit", "0"}})));
        CPPUNIT_ASSERT(rejects(withQuery({{"limit", "-3"}})));
        CPPUNIT_ASSERT(rejects(withQuery({{"limit", "ten"}})));
        CPPUNIT_ASSERT(rejects(withQuery({{"offset", "-1"}})));
        CPPUNIT_ASSERT(rejects(withQuery({{"offset", "1.5"}})));
        CPPUNIT_ASSERT(rejects(withQuery({{"limit", "-99999999999999999999999"}})));
        CPPUNIT_ASSERT(rejects(withQuery({{"limit", "99999999999999999999999x"}})));
    }

    // "limit above 200 is clamped": a limit beyond 64 bits is above 200 too,
    // and an offset beyond 64 bits is past the end; an integer filter beyond
    // 64 bits matches no column value and stays a 400.
    void pagingBeyond64BitsSaturates() {
        auto r = withQuery({{"limit", "99999999999999999999999"}, {"offset", "99999999999999999999"}});
        ListQuery q(r, {});
        q.finish();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(200), q.limit());
        CPPUNIT_ASSERT_EQUAL(std::numeric_limits<std::int64_t>::max(), q.offset());
        auto f = withQuery({{"floor", "99999999999999999999"}});
        ListQuery filters(f, {});
        filters.integerFilter("floor");
        CPPUNIT_ASSERT_THROW(filters.finish(), motel::sdk::ValidationError);
    }

    void sortAcceptsOnlyDocumentedFields() {
        auto r = withQuery({{"sort", "-floor"}});
        ListQuery q(r, {"number", "floor"});
        q.finish();
        CPPUNIT_ASSERT_EQUAL(std::string("floor"), q.sort().field);
        CPPUNIT_ASSERT(q.sort().descending);
        CPPUNIT_ASSERT(rejects(withQuery({{"sort", "password"}}), {"number", "floor"}));
        CPPUNIT_ASSERT(rejects(withQuery({{"sort", "number"}}), {}));
    }

    void enumFilters() {
        auto r = withQuery({{"status", "pending,in_progress"}, {"type", "nap"}, {"mine", "true"}});
        ListQuery q(r, {});
        auto status = q.enumListFilter("status", {"pending", "in_progress", "completed"});
        CPPUNIT_ASSERT(status && status->size() == 2);
        CPPUNIT_ASSERT(!q.enumFilter("type", {"cleaning"}));
        CPPUNIT_ASSERT_EQUAL(true, *q.booleanFilter("mine"));
        CPPUNIT_ASSERT_THROW(q.finish(), motel::sdk::ValidationError);
    }

    void envelopeShape() {
        auto r = withQuery({{"limit", "2"}});
        ListQuery q(r, {});
        Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
        data->add(1);
        auto envelope = q.envelope(data, 7);
        CPPUNIT_ASSERT_EQUAL(7, envelope->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(2, envelope->getValue<int>("limit"));
        CPPUNIT_ASSERT_EQUAL(0, envelope->getValue<int>("offset"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), envelope->getArray("data")->size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ListQueryTest);
