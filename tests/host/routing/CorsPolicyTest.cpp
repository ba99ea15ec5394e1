#include "routing/CorsPolicy.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::CorsPolicy;

class CorsPolicyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CorsPolicyTest);
    CPPUNIT_TEST(wildcardAllowsAnyOriginButNotNone);
    CPPUNIT_TEST(preflightForUnknownOriginHasNoGrant);
    CPPUNIT_TEST_SUITE_END();

public:
    void wildcardAllowsAnyOriginButNotNone() {
        CorsPolicy any({"*"});
        CPPUNIT_ASSERT(any.allows("https://x.test"));
        CPPUNIT_ASSERT(!any.allows(""));
        motel::sdk::Request request;
        request.headers = {{"Origin", "https://x.test"}};
        motel::sdk::Response response;
        any.decorate(request, response);
        CPPUNIT_ASSERT_EQUAL(std::string("*"), response.header("Access-Control-Allow-Origin"));
        CPPUNIT_ASSERT(response.header("Access-Control-Allow-Credentials").empty());
        CorsPolicy off({});
        CPPUNIT_ASSERT(!off.allows("https://x.test"));
    }

    void preflightForUnknownOriginHasNoGrant() {
        CorsPolicy policy({"https://ok.test"});
        motel::sdk::Request request;
        request.method = "OPTIONS";
        request.headers = {{"Origin", "https://bad.test"}, {"Access-Control-Request-Method", "DELETE"}};
        CPPUNIT_ASSERT(policy.isPreflight(request));
        motel::sdk::Response response;
        policy.answerPreflight(request, response);
        CPPUNIT_ASSERT_EQUAL(204, response.status);
        CPPUNIT_ASSERT(response.header("Access-Control-Allow-Origin").empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CorsPolicyTest);
