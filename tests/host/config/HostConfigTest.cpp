#include "config/HostConfig.h"

#include <Poco/TemporaryFile.h>

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

using motel::host::HostConfig;
using motel::sdk::ConfigError;

namespace {
std::string writeProperties(Poco::TemporaryFile& file, const std::string& text) {
    std::ofstream(file.path()) << text;
    return file.path();
}
} // namespace

class HostConfigTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HostConfigTest);
    CPPUNIT_TEST(defaultsWithoutAFile);
    CPPUNIT_TEST(fileValuesAreRead);
    CPPUNIT_TEST(environmentOverridesTheFile);
    CPPUNIT_TEST(pluginSettingsAreHandedOnlyToTheirPlugin);
    CPPUNIT_TEST(relativePathsAreAnchoredAtThePrefix);
    CPPUNIT_TEST(pluginFoldersAreAListPlusMotelPluginPath);
    CPPUNIT_TEST(badValuesStopWithKeyAndExpectation);
    CPPUNIT_TEST(missingFileIsAnError);
    CPPUNIT_TEST(logFormatLevelsAndFile);
    CPPUNIT_TEST_SUITE_END();

public:
    void defaultsWithoutAFile() {
        auto config = HostConfig::load("", {}, "/opt/motel");
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(3001), config.httpPort());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1024 * 1024), config.maxBodyBytes());
        CPPUNIT_ASSERT_EQUAL(std::string("development"), config.environment());
        CPPUNIT_ASSERT(config.migrateOnStart());
        CPPUNIT_ASSERT(config.redisUrl().empty());
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite:/opt/motel/var/motel.db"), config.databaseUrl());
    }

    void fileValuesAreRead() {
        Poco::TemporaryFile file;
        auto config = HostConfig::load(writeProperties(file, "http.port = 4000\nplugins.load = health, auth\n"
                                                             "db.pool.size=3\n"),
                                       {}, "/opt/motel");
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(4000), config.httpPort());
        CPPUNIT_ASSERT((config.pluginsToLoad() == std::vector<std::string>{"health", "auth"}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), config.databasePoolSize());
    }

    void environmentOverridesTheFile() {
        Poco::TemporaryFile file;
        auto config =
            HostConfig::load(writeProperties(file, "http.port = 4000\nplugins.load = health\njwt.expiresIn = 1d\n"),
                             {{"PORT", "5000"},
                              {"MOTEL_PLUGINS", "health,metrics"},
                              {"DATABASE_URL", "postgres://u:p@db:5432/motel"},
                              {"REDIS_URL", "redis://127.0.0.1:6379"},
                              {"JWT_SECRET", "s3cret"},
                              {"JWT_EXPIRES_IN", "12h"},
                              {"JWT_PREVIOUS_SECRET", "old-s3cret"},
                              {"HTTP_TRUST_PROXY", "true"}},
                             "/opt/motel");
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(5000), config.httpPort());
        CPPUNIT_ASSERT((config.pluginsToLoad() == std::vector<std::string>{"health", "metrics"}));
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql://u:p@db:5432/motel"), config.databaseUrl());
        CPPUNIT_ASSERT_EQUAL(std::string("redis://127.0.0.1:6379"), config.redisUrl());
        CPPUNIT_ASSERT_EQUAL(std::string("s3cret"), config.hostSettings().getString("jwt.secret"));
        CPPUNIT_ASSERT_EQUAL(std::string("12h"), config.hostSettings().getString("jwt.expiresIn"));
        CPPUNIT_ASSERT_EQUAL(std::string("old-s3cret"), config.hostSettings().getString("jwt.previousSecret"));
        CPPUNIT_ASSERT(config.hostSettings().getBool("http.trustProxy", false));
    }

    void pluginSettingsAreHandedOnlyToTheirPlugin() {
        auto config = HostConfig::fromValues({{"plugins.tasks.requireInspection", "true"},
                                              {"plugins.auth.loginMaxAttempts", "3"},
                                              {"plugins.load", "x"}},
                                             "/p");
        auto tasks = config.pluginSettings("tasks");
        CPPUNIT_ASSERT(tasks.getBool("requireInspection", false));
        CPPUNIT_ASSERT(!tasks.has("loginMaxAttempts"));
        CPPUNIT_ASSERT(!config.hostSettings().has("plugins.tasks.requireInspection"));
        CPPUNIT_ASSERT(config.hostSettings().has("plugins.load"));
    }

    void relativePathsAreAnchoredAtThePrefix() {
        auto config = HostConfig::fromValues({{"plugins.dir", "lib/motel/plugins"}, {"db.url", "sqlite:/data/m.db"}},
                                             "/usr/local");
        CPPUNIT_ASSERT((config.pluginDirs() == std::vector<std::string>{"/usr/local/lib/motel/plugins"}));
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite:/data/m.db"), config.databaseUrl());
    }

    void pluginFoldersAreAListPlusMotelPluginPath() {
        auto config = HostConfig::load("", {{"MOTEL_PLUGIN_PATH", "/opt/acme/plugins:extra"}}, "/usr/local");
        CPPUNIT_ASSERT((config.pluginDirs() == std::vector<std::string>{"/usr/local/lib/motel/plugins",
                                                                        "/opt/acme/plugins", "/usr/local/extra"}));
        auto listed = HostConfig::fromValues({{"plugins.dir", "/a, /b:/a"}}, "/");
        CPPUNIT_ASSERT((listed.pluginDirs() == std::vector<std::string>{"/a", "/b"}));
    }

    void badValuesStopWithKeyAndExpectation() {
        try {
            HostConfig::fromValues({{"http.port", "eighty"}}, "/p");
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT(std::string(e.what()).find("http.port='eighty'") != std::string::npos);
        }
        CPPUNIT_ASSERT_THROW(HostConfig::fromValues({{"http.port", "70000"}}, "/p"), ConfigError);
        CPPUNIT_ASSERT_THROW(HostConfig::fromValues({{"motel.env", "staging"}}, "/p"), ConfigError);
        CPPUNIT_ASSERT_THROW(HostConfig::fromValues({{"db.url", "mysql://x"}}, "/p"), ConfigError);
        CPPUNIT_ASSERT_THROW(HostConfig::fromValues({{"plugins.load", "../evil"}}, "/p"), ConfigError);
        CPPUNIT_ASSERT_THROW(HostConfig::fromValues({{"db.migrate.onStart", "maybe"}}, "/p"), ConfigError);
    }

    void missingFileIsAnError() {
        CPPUNIT_ASSERT_THROW(HostConfig::load("/nonexistent/motel.properties", {}, "/p"), ConfigError);
    }

    void logFormatLevelsAndFile() {
        const HostConfig defaults = HostConfig::fromValues({}, "/p");
        CPPUNIT_ASSERT_EQUAL(std::string("text"), defaults.logFormat());
        CPPUNIT_ASSERT(defaults.logFile().empty());
        CPPUNIT_ASSERT(defaults.loggerLevels().empty());

        const HostConfig json = HostConfig::load("", {{"LOG_FORMAT", "json"}}, "/p");
        CPPUNIT_ASSERT_EQUAL(std::string("json"), json.logFormat());
        const HostConfig leveled = HostConfig::fromValues(
            {{"log.level", "notice"}, {"log.level.motel.access", "warning"}, {"log.file", "var/log/motel.log"}}, "/p");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), leveled.loggerLevels().size());
        CPPUNIT_ASSERT_EQUAL(std::string("warning"), leveled.loggerLevels().at("motel.access"));
        CPPUNIT_ASSERT_EQUAL(std::string("/p/var/log/motel.log"), leveled.logFile());

        CPPUNIT_ASSERT_THROW(HostConfig::fromValues({{"log.format", "xml"}}, "/p"), ConfigError);
        CPPUNIT_ASSERT_THROW(HostConfig::fromValues({{"log.level", "loud"}}, "/p"), ConfigError);
        try {
            HostConfig::fromValues({{"log.level.motel.db", "verbose"}}, "/p");
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT(std::string(e.what()).find("log.level.motel.db='verbose'") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostConfigTest);
