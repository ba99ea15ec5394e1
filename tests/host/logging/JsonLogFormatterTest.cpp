#include "logging/JsonLogFormatter.h"
#include "logging/RequestLogFields.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Message.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::host::JsonLogFormatter;
namespace logfields = motel::host::logfields;

namespace {
Poco::JSON::Object::Ptr parsed(const std::string& line) {
    return Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
}

std::string format(const Poco::Message& message) {
    std::string line;
    JsonLogFormatter().format(message, line);
    return line;
}
} // namespace

class JsonLogFormatterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonLogFormatterTest);
    CPPUNIT_TEST(testBasicFields);
    CPPUNIT_TEST(testRequestFieldsAreTyped);
    CPPUNIT_TEST(testOneLineWhateverTheText);
    CPPUNIT_TEST(testMalformedUtf8BecomesReplacementCharacters);
    CPPUNIT_TEST_SUITE_END();

public:
    void testBasicFields() {
        Poco::Message message("motel.host", "listening", Poco::Message::PRIO_WARNING);
        message.setTime(Poco::Timestamp::fromEpochTime(1700000000));
        const auto line = parsed(format(message));
        CPPUNIT_ASSERT_EQUAL(std::string("2023-11-14T22:13:20.000Z"), line->getValue<std::string>("time"));
        CPPUNIT_ASSERT_EQUAL(std::string("warning"), line->getValue<std::string>("level"));
        CPPUNIT_ASSERT_EQUAL(std::string("motel.host"), line->getValue<std::string>("logger"));
        CPPUNIT_ASSERT_EQUAL(std::string("listening"), line->getValue<std::string>("message"));
        CPPUNIT_ASSERT(!line->has(logfields::status));
        CPPUNIT_ASSERT_EQUAL(std::string("info"),
                             std::string(JsonLogFormatter::levelName(Poco::Message::PRIO_INFORMATION)));
    }

    void testRequestFieldsAreTyped() {
        Poco::Message message("motel.access", "GET /api/suites 200", Poco::Message::PRIO_INFORMATION);
        message.set(logfields::requestId, "abc-1");
        message.set(logfields::status, "200");
        message.set(logfields::durationMs, "1.250");
        message.set(logfields::userId, "42");
        message.set(logfields::route, "/api/suites");
        const auto line = parsed(format(message));
        CPPUNIT_ASSERT_EQUAL(200, line->getValue<int>(logfields::status));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1.25, line->getValue<double>(logfields::durationMs), 1e-9);
        CPPUNIT_ASSERT_EQUAL(42, line->getValue<int>(logfields::userId));
        CPPUNIT_ASSERT_EQUAL(std::string("abc-1"), line->getValue<std::string>(logfields::requestId));
    }

    void testOneLineWhateverTheText() {
        Poco::Message message("motel.http", "first\nsecond \"quoted\"\t\x01 end", Poco::Message::PRIO_ERROR);
        const std::string text = format(message);
        CPPUNIT_ASSERT(text.find('\n') == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("first\nsecond \"quoted\"\t\x01 end"),
                             parsed(text)->getValue<std::string>("message"));
    }

    void testMalformedUtf8BecomesReplacementCharacters() {
        Poco::Message message("motel.access", "GET /x/\xFF\xFE caf\xC3\xA9 \xED\xA0\x80 \xF0\x9F\x98\x80 \xC3",
                              Poco::Message::PRIO_INFORMATION);
        message.set(logfields::path, "/x/\xFF");
        const std::string text = format(message);
        const auto line = parsed(text);
        CPPUNIT_ASSERT_EQUAL(
            std::string("GET /x/\xEF\xBF\xBD\xEF\xBF\xBD caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
                        "\xF0\x9F\x98\x80 \xEF\xBF\xBD"),
            line->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL(std::string("/x/\xEF\xBF\xBD"), line->getValue<std::string>(logfields::path));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonLogFormatterTest);
