#include <motel/sdk/Time.h>

#include <cppunit/extensions/HelperMacros.h>

class TimeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TimeTest);
    CPPUNIT_TEST(formatsWithMillisecondsAndZ);
    CPPUNIT_TEST(parsesZonesAndRejectsJunk);
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(TimeTest);
