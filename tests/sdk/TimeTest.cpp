#include <motel/sdk/Time.h>

#include <cppunit/extensions/HelperMacros.h>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>

#include <random>
#include <regex>

namespace {
// parseTimestamp as it was before its shape check was hand-written (with
// std::regex): the reference the new one must agree with.
std::optional<Poco::Timestamp> previousParse(const std::string& text) {
    static const std::regex shape(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$)");
    if (!std::regex_match(text, shape)) return std::nullopt;
    Poco::DateTime parsed;
    int zone = 0;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, parsed, zone) &&
        !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, text, parsed, zone))
        return std::nullopt;
    if (Poco::DateTimeFormatter::format(parsed, "%Y-%m-%d") != text.substr(0, 10)) return std::nullopt;
    parsed.makeUTC(zone);
    return parsed.timestamp();
}
} // namespace

class TimeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TimeTest);
    CPPUNIT_TEST(formatsWithMillisecondsAndZ);
    CPPUNIT_TEST(parsesZonesAndRejectsJunk);
    CPPUNIT_TEST(acceptsExactlyTheIsoShape);
    CPPUNIT_TEST_SUITE_END();

public:
    void formatsWithMillisecondsAndZ() {
        const std::string now = motel::sdk::nowTimestamp();
        CPPUNIT_ASSERT_EQUAL(std::size_t(24), now.size());
        CPPUNIT_ASSERT_EQUAL('Z', now.back());
        CPPUNIT_ASSERT_EQUAL('.', now[19]);
    }

    void parsesZonesAndRejectsJunk() {
        auto t = motel::sdk::parseTimestamp("2026-01-01T09:30:00.123Z");
        CPPUNIT_ASSERT(t);
        CPPUNIT_ASSERT_EQUAL(std::string("2026-01-01T09:30:00.123Z"), motel::sdk::formatTimestamp(*t));
        auto shifted = motel::sdk::parseTimestamp("2026-01-01T11:30:00+02:00");
        CPPUNIT_ASSERT_EQUAL(std::string("2026-01-01T09:30:00.000Z"), motel::sdk::formatTimestamp(*shifted));
        CPPUNIT_ASSERT(!motel::sdk::parseTimestamp("2026-01-01"));
        CPPUNIT_ASSERT(!motel::sdk::parseTimestamp("yesterday"));
        CPPUNIT_ASSERT(!motel::sdk::parseTimestamp("2026-13-01T00:00:00Z"));
    }

    void acceptsExactlyTheIsoShape() {
        const auto agrees = [](const std::string& text) {
            const auto now = motel::sdk::parseTimestamp(text);
            const auto before = previousParse(text);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(text, before.has_value(), now.has_value());
            if (now) CPPUNIT_ASSERT_MESSAGE(text, *before == *now);
        };
        for (const char* text :
             {"2026-01-15T10:30Z", "2026-01-15T10:30:00Z", "2026-01-15T10:30:00.1Z", "2026-01-15T10:30:00.123456789Z",
              "2026-01-15T10:30:00.1234567890Z", "2026-01-15T10:30:00.Z", "2026-01-15T10:30:00+0200",
              "2026-01-15T10:30:00-02:00", "2026-01-15T10:30:00+02:0", "2026-01-15T10:30:00+02", "2026-01-15T10:30",
              "2026-01-15T10:30:0Z", "2026-01-15 10:30:00Z", "2026-01-15T10:30:00Zx", "x2026-01-15T10:30:00Z",
              "2026-01-15T10:30.5Z", "2026-01-15T10:30:00.5+02:00", "2026-01-15t10:30:00z", ""})
            agrees(text);
        // Generated near-misses: one character of a valid timestamp changed.
        const std::string base = "2026-01-15T10:30:00.123+02:00";
        const std::string alphabet = "0123456789-:T.Z+ ";
        std::mt19937 random(20261207);
        for (int round = 0; round < 3000; ++round) {
            std::string text = base;
            const std::size_t at = random() % text.size();
            if (random() % 4 == 0)
                text.erase(at, 1);
            else
                text[at] = alphabet[random() % alphabet.size()];
            agrees(text);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TimeTest);
