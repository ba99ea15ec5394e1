#include <motel/sdk/SettingSpec.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::Settings;
using motel::sdk::SettingSpec;

namespace {
Settings block(std::map<std::string, std::string> values) {
    return Settings("plugins.demo.", std::move(values));
}

const std::vector<SettingSpec>& specs() {
    static const std::vector<SettingSpec> all{
        SettingSpec::integer("count", 5, 1, 10, "how many"),
        SettingSpec::number("ratio", 0.5, 0, 1, "a share"),
        SettingSpec::boolean("enabled", true, "on or off"),
        SettingSpec::duration("every", "15s", "how often", std::chrono::seconds(1), std::chrono::hours(1)),
        SettingSpec::oneOf("tone", "warm", {"warm", "formal"}, "how it sounds"),
        SettingSpec::secret("token", "a bearer token", true),
        SettingSpec::list("names", "", "who"),
    };
    return all;
}
} // namespace

class SettingSpecTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SettingSpecTest);
    CPPUNIT_TEST(validValuesPass);
    CPPUNIT_TEST(everyProblemIsReportedWithItsFullKey);
    CPPUNIT_TEST(undeclaredKeysAreListed);
    CPPUNIT_TEST(defaultsFillOnlyUnsetKeys);
    CPPUNIT_TEST(constraintsReadAsText);
    CPPUNIT_TEST_SUITE_END();

public:
    void validValuesPass() {
        const auto problems = motel::sdk::validateSettings(specs(), block({{"count", "10"},
                                                                           {"ratio", "0.25"},
                                                                           {"enabled", "off"},
                                                                           {"every", "30m"},
                                                                           {"tone", "formal"},
                                                                           {"token", "s3cret"},
                                                                           {"names", "a, b"}}));
        CPPUNIT_ASSERT(problems.empty());
    }

    void everyProblemIsReportedWithItsFullKey() {
        const auto problems = motel::sdk::validateSettings(
            specs(), block({{"count", "11"}, {"ratio", "x"}, {"enabled", "maybe"}, {"every", "2h"}, {"tone", "cold"}}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), problems.size());
        CPPUNIT_ASSERT_EQUAL(std::string("plugins.demo.count='11': expected integer in 1..10 (got 11)"), problems[0]);
        CPPUNIT_ASSERT(problems[1].find("plugins.demo.ratio='x': expected a number") == 0);
        CPPUNIT_ASSERT(problems[2].find("plugins.demo.enabled='maybe'") == 0);
        CPPUNIT_ASSERT_EQUAL(std::string("plugins.demo.every='2h': expected duration in 1s..3600s (got 7200s)"),
                             problems[3]);
        CPPUNIT_ASSERT_EQUAL(std::string("plugins.demo.tone='cold': expected one of warm|formal"), problems[4]);
        CPPUNIT_ASSERT_EQUAL(std::string("plugins.demo.token is required but not set (a bearer token)"), problems[5]);
    }

    void undeclaredKeysAreListed() {
        const auto keys = motel::sdk::undeclaredSettings(specs(), block({{"count", "2"}, {"cuont", "3"}}));
        CPPUNIT_ASSERT((keys == std::vector<std::string>{"plugins.demo.cuont"}));
    }

    void defaultsFillOnlyUnsetKeys() {
        const Settings filled = motel::sdk::withDefaults(specs(), block({{"count", "2"}}));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), filled.getInt("count", 0));
        CPPUNIT_ASSERT_EQUAL(std::string("warm"), filled.getString("tone"));
        CPPUNIT_ASSERT(filled.getDuration("every", {}) == std::chrono::seconds(15));
        CPPUNIT_ASSERT(!filled.has("token")); // secrets have no default
        CPPUNIT_ASSERT_EQUAL(std::string("plugins.demo."), filled.prefix());
    }

    void constraintsReadAsText() {
        CPPUNIT_ASSERT_EQUAL(std::string("1..10"), specs()[0].constraint());
        CPPUNIT_ASSERT_EQUAL(std::string("warm|formal"), specs()[4].constraint());
        CPPUNIT_ASSERT_EQUAL(std::string(""), specs()[2].constraint());
        CPPUNIT_ASSERT_EQUAL(std::string("duration"), std::string(motel::sdk::settingTypeName(specs()[3].type)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SettingSpecTest);
