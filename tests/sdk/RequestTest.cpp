#include <motel/sdk/Errors.h>
#include <motel/sdk/Request.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::Request;

class RequestTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RequestTest);
    CPPUNIT_TEST(headersAreCaseInsensitive);
    CPPUNIT_TEST(idParamRules);
    CPPUNIT_TEST(ifMatchForms);
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

    void jsonObjectRejectsArrays() {
        Request r;
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.jsonObject()->size());
        r.json = Poco::JSON::Array::Ptr(new Poco::JSON::Array);
        CPPUNIT_ASSERT_THROW(r.jsonObject(), motel::sdk::BadRequest);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestTest);
