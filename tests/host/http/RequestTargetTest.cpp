// RequestTarget: decoding of the path and query of origin-form targets.
#include "http/RequestTarget.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::host::RequestTarget;

class RequestTargetTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RequestTargetTest);
    CPPUNIT_TEST(decodesThePath);
    CPPUNIT_TEST(keepsQueryPairsInOrder);
    CPPUNIT_TEST(decodesPlusAsSpaceOnlyInTheQuery);
    CPPUNIT_TEST(rejectsTargetsThatAreNotOriginForm);
    CPPUNIT_TEST(rejectsMalformedEscapesAndNul);
    CPPUNIT_TEST_SUITE_END();

public:
    void decodesThePath() {
        CPPUNIT_ASSERT_EQUAL(std::string("/"), RequestTarget::decode("/").path);
        CPPUNIT_ASSERT_EQUAL(std::string("/api/suites/42"), RequestTarget::decode("/api/suites/42").path);
        CPPUNIT_ASSERT_EQUAL(std::string("/a b/ü"), RequestTarget::decode("/a%20b/%C3%BC").path);
        CPPUNIT_ASSERT(RequestTarget::decode("/plain").query.empty());
    }

    void keepsQueryPairsInOrder() {
        const RequestTarget target =
            RequestTarget::decode("/api/tasks?status=pending,in_progress&sort=-dueAt&flag&&status=x&empty=");
        CPPUNIT_ASSERT_EQUAL(std::string("/api/tasks"), target.path);
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), target.query.size());
        CPPUNIT_ASSERT_EQUAL(std::string("status"), target.query[0].first);
        CPPUNIT_ASSERT_EQUAL(std::string("pending,in_progress"), target.query[0].second);
        CPPUNIT_ASSERT_EQUAL(std::string("-dueAt"), target.query[1].second);
        CPPUNIT_ASSERT_EQUAL(std::string("flag"), target.query[2].first);
        CPPUNIT_ASSERT_EQUAL(std::string(""), target.query[2].second);
        CPPUNIT_ASSERT_EQUAL(std::string("x"), target.query[3].second);
        CPPUNIT_ASSERT_EQUAL(std::string("empty"), target.query[4].first);
    }

    void decodesPlusAsSpaceOnlyInTheQuery() {
        const RequestTarget target = RequestTarget::decode("/a+b?q=x+y%2Bz&a%3Db=c%26d");
        CPPUNIT_ASSERT_EQUAL(std::string("/a+b"), target.path);
        CPPUNIT_ASSERT_EQUAL(std::string("x y+z"), target.query[0].second);
        CPPUNIT_ASSERT_EQUAL(std::string("a=b"), target.query[1].first);
        CPPUNIT_ASSERT_EQUAL(std::string("c&d"), target.query[1].second);
    }

    void rejectsTargetsThatAreNotOriginForm() {
        CPPUNIT_ASSERT_THROW(RequestTarget::decode("*"), motel::sdk::BadRequest);
        CPPUNIT_ASSERT_THROW(RequestTarget::decode("http://example.com/"), motel::sdk::BadRequest);
        CPPUNIT_ASSERT_THROW(RequestTarget::decode("api/suites"), motel::sdk::BadRequest);
        CPPUNIT_ASSERT_THROW(RequestTarget::decode(""), motel::sdk::BadRequest);
    }

    void rejectsMalformedEscapesAndNul() {
        CPPUNIT_ASSERT_THROW(RequestTarget::decode("/a%00b"), motel::sdk::BadRequest);
        CPPUNIT_ASSERT_THROW(RequestTarget::decode("/a%zz"), motel::sdk::BadRequest);
        CPPUNIT_ASSERT_THROW(RequestTarget::decode("/a%2"), motel::sdk::BadRequest);
        CPPUNIT_ASSERT_THROW(RequestTarget::decode("/a%"), motel::sdk::BadRequest);
        CPPUNIT_ASSERT_THROW(RequestTarget::decode("/a?x=%G1"), motel::sdk::BadRequest);
        CPPUNIT_ASSERT_THROW(RequestTarget::decode("/a?x=%00"), motel::sdk::BadRequest);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestTargetTest);
