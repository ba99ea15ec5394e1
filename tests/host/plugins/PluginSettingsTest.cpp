// Declared plugin settings: validated for every loaded plugin before the
// database is touched, all errors at once; `config check` and
// `plugins describe` read the same declarations.
#include "app/HostRuntime.h"
#include "app/PluginCommands.h"
#include "config/HostConfig.h"

#include <motel/sdk/Settings.h>

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

using motel::host::HostConfig;
using motel::host::HostRuntime;
using motel::host::PluginCommands;

namespace {
HostConfig configWith(std::map<std::string, std::string> values, const std::string& database) {
    values["plugins.dir"] = MOTEL_FIXTURE_PLUGIN_DIR;
    values["plugins.load"] = "fixture_base,fixture_middle";
    values["db.url"] = "sqlite:" + database;
    values["jwt.secret"] = "a-test-secret-that-is-long-enough-for-the-host";
    return HostConfig::fromValues(std::move(values), "/");
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
} // namespace

class PluginSettingsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PluginSettingsTest);
    CPPUNIT_TEST(everyBadSettingIsReportedBeforeTheDatabaseIsOpened);
    CPPUNIT_TEST(configCheckValidatesWithoutADatabase);
    CPPUNIT_TEST(describeListsDeclarationsAndRegistrations);
    CPPUNIT_TEST_SUITE_END();

public:
    void everyBadSettingIsReportedBeforeTheDatabaseIsOpened() {
        Poco::TemporaryFile database;
        HostRuntime runtime(configWith({{"plugins.fixture_base.limit", "99"},
                                        {"plugins.fixture_middle.limit", "many"},
                                        {"plugins.fixture_middle.tone", "shouty"}},
                                       database.path()));
        std::string message;
        try {
            runtime.loadPlugins();
        } catch (const std::exception& e) {
            message = e.what();
        }
        CPPUNIT_ASSERT_MESSAGE(message, contains(message, "3 invalid plugin setting(s)"));
        CPPUNIT_ASSERT_MESSAGE(message,
                               contains(message, "plugins.fixture_base.limit='99': expected integer in 1..10"));
        CPPUNIT_ASSERT_MESSAGE(message, contains(message, "plugins.fixture_middle.limit='many': expected an integer"));
        CPPUNIT_ASSERT_MESSAGE(message,
                               contains(message, "plugins.fixture_middle.tone='shouty': expected one of plain|loud"));
        CPPUNIT_ASSERT(!Poco::File(database.path()).exists()); // no migration, not even a file
    }

    void configCheckValidatesWithoutADatabase() {
        Poco::TemporaryFile database;
        std::ostringstream bad;
        CPPUNIT_ASSERT_EQUAL(78, PluginCommands::checkConfig(configWith({{"plugins.fixture_base.limit", "0"},
                                                                         {"plugins.fixture_base.limitt", "3"}},
                                                                        database.path()),
                                                             bad));
        CPPUNIT_ASSERT_MESSAGE(bad.str(), contains(bad.str(), "error: plugins.fixture_base.limit='0'"));
        CPPUNIT_ASSERT_MESSAGE(bad.str(), contains(bad.str(), "warning: plugins.fixture_base.limitt is not a setting"));
        std::ostringstream good;
        CPPUNIT_ASSERT_EQUAL(
            0, PluginCommands::checkConfig(configWith({{"plugins.fixture_base.limit", "7"}}, database.path()), good));
        CPPUNIT_ASSERT_MESSAGE(good.str(), contains(good.str(), "configuration OK (2 plugins"));
        CPPUNIT_ASSERT(!Poco::File(database.path()).exists());
    }

    void describeListsDeclarationsAndRegistrations() {
        Poco::TemporaryFile database;
        std::ostringstream out;
        CPPUNIT_ASSERT_EQUAL(0, PluginCommands::describe(configWith({}, database.path()), "fixture_middle", out));
        const std::string text = out.str();
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "fixture_middle 0.0.1"));
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "depends on: fixture_base"));
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "plugins.fixture_middle.limit  integer  default 5  1..10"));
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "fixture.started"));
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "GET /fixture/fixture_middle/ok"));
        CPPUNIT_ASSERT_MESSAGE(text, !contains(text, "GET /fixture/fixture_base/ok")); // the dependency's own
        CPPUNIT_ASSERT(!Poco::File(database.path()).exists());
        std::ostringstream missing;
        CPPUNIT_ASSERT_EQUAL(64, PluginCommands::describe(configWith({}, database.path()), "nope", missing));
        // A refused setting stops before the sandbox starts anything, as config check and serve refuse it.
        std::ostringstream refused;
        CPPUNIT_ASSERT_THROW(
            PluginCommands::describe(configWith({{"plugins.fixture_base.limit", "0"}}, database.path()),
                                     "fixture_middle", refused),
            motel::sdk::ConfigError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginSettingsTest);
