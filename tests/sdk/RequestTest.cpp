#include <motel/sdk/Errors.h>
#include <motel/sdk/IfMatch.h>
#include <motel/sdk/Request.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::IfMatch;
using motel::sdk::Request;

class RequestTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RequestTest);
    CPPUNIT_TEST(headersAreCaseInsensitive);
    CPPUNIT_TEST(idParamRules);
    CPPUNIT_TEST(ifMatchForms);
    CPPUNIT_TEST(ifMatchListMatchesAnyStrongTag);
    CPPUNIT_TEST(ifMatchWeakTagNeverMatches);
    CPPUNIT_TEST(ifMatchRefusesWhatIsNotAVersionList);
    CPPUNIT_TEST(jsonObjectRejectsArrays);
    CPPUNIT_TEST_SUITE_END();

public:
    void headersAreCaseInsensitive() {
        Request r;
        r.headers = {{"content-TYPE", "application/json"}};
        CPPUNIT_ASSERT_EQUAL(std::string("application/json"), r.header("Content-Type"));
        CPPUNIT_ASSERT(r.header("Accept").empty());
    }

    void idParamRules() {
        Request r;
        r.params["id"] = "42";
        CPPUNIT_ASSERT_EQUAL(std::int64_t(42), *r.idParam());
        r.params["id"] = "99999999999999999999";
        CPPUNIT_ASSERT(!r.idParam());
        r.params["id"] = "abc";
        try {
            r.idParam();
            CPPUNIT_FAIL("expected a validation error");
        } catch (const motel::sdk::ValidationError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("id must be an integer"), e.messages().at(0));
        }
        r.params["id"] = "4.2";
        CPPUNIT_ASSERT_THROW(r.idParam(), motel::sdk::ValidationError);
    }

    void ifMatchForms() {
        Request r;
        CPPUNIT_ASSERT(!r.ifMatchVersion());
        r.headers = {{"If-Match", "\"3\""}};
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), *r.ifMatchVersion());
        r.headers = {{"If-Match", "W/\"4\""}};
        CPPUNIT_ASSERT_EQUAL(std::int64_t(4), *r.ifMatchVersion());
        r.headers = {{"If-Match", "7"}};
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7), *r.ifMatchVersion());
        r.headers = {{"If-Match", "\"x\""}};
        CPPUNIT_ASSERT_THROW(r.ifMatchVersion(), motel::sdk::ValidationError);
    }

    // RFC 9110 13.1.1: If-Match holds when any listed tag matches.
    void ifMatchListMatchesAnyStrongTag() {
        Request r;
        CPPUNIT_ASSERT(!IfMatch::of(r));
        r.headers = {{"If-Match", "*"}};
        CPPUNIT_ASSERT(!IfMatch::of(r));
        r.headers = {{"If-Match", "\"2\", \"5\""}};
        const auto condition = IfMatch::of(r);
        CPPUNIT_ASSERT(condition);
        CPPUNIT_ASSERT(condition->matches(2));
        CPPUNIT_ASSERT(condition->matches(5));
        CPPUNIT_ASSERT(!condition->matches(3));
        CPPUNIT_ASSERT_NO_THROW(condition->require("Suite 1", 5));
        r.headers = {{"If-Match", " , \"7\",,8 "}}; // empty elements are allowed; bare digits as before
        CPPUNIT_ASSERT(IfMatch::of(r)->matches(7));
        CPPUNIT_ASSERT(IfMatch::of(r)->matches(8));
        try {
            condition->require("Suite 1", 3);
            CPPUNIT_FAIL("expected 412");
        } catch (const motel::sdk::PreconditionFailed& error) {
            CPPUNIT_ASSERT_EQUAL(std::string("Suite 1 is at version 3, not 2, 5"), std::string(error.what()));
        }
    }

    // If-Match uses the strong comparison: W/"3" never matches version 3.
    void ifMatchWeakTagNeverMatches() {
        Request r;
        r.headers = {{"If-Match", "W/\"3\""}};
        CPPUNIT_ASSERT(!IfMatch::of(r)->matches(3));
        CPPUNIT_ASSERT_THROW(IfMatch::of(r)->require("Task 9", 3), motel::sdk::PreconditionFailed);
        r.headers = {{"If-Match", "W/\"3\", \"4\""}};
        CPPUNIT_ASSERT(!IfMatch::of(r)->matches(3));
        CPPUNIT_ASSERT(IfMatch::of(r)->matches(4));
        CPPUNIT_ASSERT_EQUAL(std::string("W/\"3\", 4"), IfMatch::of(r)->tags());
        CPPUNIT_ASSERT(IfMatch(6).matches(6)); // a version converts to one strong tag
    }

    void ifMatchRefusesWhatIsNotAVersionList() {
        Request r;
        for (const char* value :
             {"\"x\"", "\"3\", \"x\"", "\"3\", *", ",", "W/3", "\"-1\"", "\"99999999999999999999\"", "\"3", "\"\""}) {
            r.headers = {{"If-Match", value}};
            CPPUNIT_ASSERT_THROW_MESSAGE(value, IfMatch::of(r), motel::sdk::ValidationError);
        }
    }

    void jsonObjectRejectsArrays() {
        Request r;
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.jsonObject()->size());
        r.json = Poco::JSON::Array::Ptr(new Poco::JSON::Array);
        CPPUNIT_ASSERT_THROW(r.jsonObject(), motel::sdk::BadRequest);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestTest);
