#include <motel/sdk/JsonString.h>

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

class JsonStringTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonStringTest);
    CPPUNIT_TEST(escapesQuotesBackslashesAndControls);
    CPPUNIT_TEST(roundTripsThroughAParser);
    CPPUNIT_TEST(escapesAtTheEdgesAndInARow);
    CPPUNIT_TEST_SUITE_END();

public:
    void escapesQuotesBackslashesAndControls() {
        std::string out;
        motel::sdk::appendJsonString(out, "a\"b\\c\n\t\x01/é");
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\\\"b\\\\c\\n\\t\\u0001/é\""), out);
    }

    void roundTripsThroughAParser() {
        const std::string text = "Suite \"101\"\r\n\b\f\x1f end";
        std::string json = "[";
        motel::sdk::appendJsonString(json, text);
        json += "]";
        auto parsed = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
        CPPUNIT_ASSERT_EQUAL(text, parsed->getElement<std::string>(0));
    }

    void escapesAtTheEdgesAndInARow() {
        std::string out = "x:";
        motel::sdk::appendJsonString(out, "");
        motel::sdk::appendJsonString(out, "\"\n\\plain\"");
        CPPUNIT_ASSERT_EQUAL(std::string("x:\"\"\"\\\"\\n\\\\plain\\\"\""), out);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonStringTest);
