#include <motel/sdk/Settings.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::ConfigError;
using motel::sdk::Settings;
using std::chrono::milliseconds;

class SettingsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SettingsTest);
    CPPUNIT_TEST(typedValuesAndFallbacks);
    CPPUNIT_TEST(badValuesNameKeyValueAndExpectation);
    CPPUNIT_TEST(durationsInEveryForm);
    CPPUNIT_TEST(lists);
    CPPUNIT_TEST_SUITE_END();

public:
    void typedValuesAndFallbacks() {
        Settings s("plugins.x.", {{"n", " 42 "}, {"b", "yes"}, {"d", "1.5"}});
        CPPUNIT_ASSERT_EQUAL(std::int64_t(42), s.getInt("n", 0));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7), s.getInt("missing", 7));
        CPPUNIT_ASSERT(s.getBool("b", false));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1.5, s.getDouble("d", 0), 1e-9);
        CPPUNIT_ASSERT_THROW(s.requireString("missing"), ConfigError);
    }

    void badValuesNameKeyValueAndExpectation() {
        Settings s("plugins.x.", {{"n", "lots"}, {"range", "70000"}});
        try {
            s.getInt("n", 0);
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("plugins.x.n='lots': expected an integer"), std::string(e.what()));
        }
        CPPUNIT_ASSERT_THROW(s.getInt("range", 0, 0, 65535), ConfigError);
    }

    void durationsInEveryForm() {
        CPPUNIT_ASSERT(motel::sdk::parseDuration("1d") == milliseconds(86400000));
        CPPUNIT_ASSERT(motel::sdk::parseDuration("12h") == milliseconds(43200000));
        CPPUNIT_ASSERT(motel::sdk::parseDuration("30m") == milliseconds(1800000));
        CPPUNIT_ASSERT(motel::sdk::parseDuration("45s") == milliseconds(45000));
        CPPUNIT_ASSERT(motel::sdk::parseDuration("3600") == milliseconds(3600000));
        CPPUNIT_ASSERT(motel::sdk::parseDuration("250ms") == milliseconds(250));
        CPPUNIT_ASSERT_THROW(motel::sdk::parseDuration("-5s"), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(motel::sdk::parseDuration("1w"), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(motel::sdk::parseDuration(""), std::invalid_argument);
    }

    void lists() {
        Settings s("", {{"l", " a, b ,,c "}});
        CPPUNIT_ASSERT((s.getList("l") == std::vector<std::string>{"a", "b", "c"}));
        CPPUNIT_ASSERT(s.getList("none").empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SettingsTest);
