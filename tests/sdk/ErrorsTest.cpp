#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

class ErrorsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ErrorsTest);
    CPPUNIT_TEST(statusesAndReasons);
    CPPUNIT_TEST(retryAfterIsAtLeastOneSecond);
    CPPUNIT_TEST_SUITE_END();

public:
    void statusesAndReasons() {
        CPPUNIT_ASSERT_EQUAL(404, motel::sdk::NotFound("x").status());
        CPPUNIT_ASSERT_EQUAL(std::string("Not Found"), std::string(motel::sdk::HttpError::reasonFor(404)));
        CPPUNIT_ASSERT_EQUAL(std::string("Precondition Failed"), std::string(motel::sdk::HttpError::reasonFor(412)));
        CPPUNIT_ASSERT(!motel::sdk::Conflict("x").messageIsList());
        CPPUNIT_ASSERT(motel::sdk::ValidationError("floor must be an integer").messageIsList());
    }

    void retryAfterIsAtLeastOneSecond() {
        motel::sdk::TooManyRequests e("slow down", 0);
        CPPUNIT_ASSERT_EQUAL(429, e.status());
        CPPUNIT_ASSERT_EQUAL(std::string("Retry-After"), e.headers().at(0).first);
        CPPUNIT_ASSERT_EQUAL(std::string("1"), e.headers().at(0).second);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ErrorsTest);
