// The command line itself: an unknown command is a usage error (64) found
// before the database is opened or any plugin library is opened (plugins
// declare their commands in their files); a declared plugin command runs;
// --version names the host and the SDK; --help wraps between words and lists
// the declared plugin commands.
#include "FixtureHost.h"

#include <motel/sdk/Version.h>

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Process.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdio>
#include <csignal>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace motel::test;

namespace {

std::string scratchPath(const std::string& what) {
    return Poco::Path::temp() + "motel-cli-" + what + "-" + std::to_string(::getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

std::set<std::string> wordsOf(const std::string& text) {
    std::set<std::string> words;
    std::istringstream in(text);
    for (std::string word; in >> word;) words.insert(word);
    return words;
}

} // namespace

class CommandLineTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CommandLineTest);
    CPPUNIT_TEST(unknownCommandIsAUsageErrorBeforeAnythingRuns);
    CPPUNIT_TEST(declaredPluginCommandRunsAfterOneLoad);
    CPPUNIT_TEST(helpListsDeclaredCommandsWithoutLoading);
    CPPUNIT_TEST(undeclaredCommandsOfAnOlderPluginStillWork);
    CPPUNIT_TEST(crossSettingRulesStopEverythingBeforeAnyMigration);
    CPPUNIT_TEST(versionNamesHostAndSdk);
    CPPUNIT_TEST(helpWrapsBetweenWords);
    CPPUNIT_TEST(daemonDetachesWritesItsPidAndStopsOnSigterm);
    CPPUNIT_TEST_SUITE_END();

public:
    void unknownCommandIsAUsageErrorBeforeAnythingRuns() {
        const std::string trace = scratchPath("trace");
        const std::string marker = scratchPath("init");
        const std::string db = scratchPath("db") + ".sqlite";
        HostOptions options = fixtureHost({"fixture_base", "fixture_middle", "fixture_commands"}, trace);
        options.databaseUrl = "sqlite:" + db;
        options.environment["MOTEL_FIXTURE_INIT_MARKER"] = marker;
        std::string output;
        CPPUNIT_ASSERT_EQUAL(64, HostProcess::runCommand(options, {"bogus"}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("unknown command 'bogus'") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("from plugins: fixturecmd") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("usage: motel-host") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE("the database was opened", !Poco::File(db).exists());
        CPPUNIT_ASSERT_EQUAL_MESSAGE("a plugin started", std::string(), slurp(trace));
        CPPUNIT_ASSERT_EQUAL_MESSAGE("a plugin library was opened", std::string(), slurp(marker));
        std::remove(trace.c_str());
    }

    void declaredPluginCommandRunsAfterOneLoad() {
        const std::string marker = scratchPath("init");
        HostOptions options = fixtureHost({"fixture_commands"}, scratchPath("trace"));
        options.databaseUrl = "sqlite:" + scratchPath("db") + ".sqlite";
        options.environment["MOTEL_FIXTURE_INIT_MARKER"] = marker;
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(options, {"fixturecmd", "a", "b"}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("fixture command fixturecmd a b") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("fixture_commands\n"), slurp(marker));
        std::remove(marker.c_str());
        std::remove(options.databaseUrl.substr(7).c_str());
    }

    void helpListsDeclaredCommandsWithoutLoading() {
        const std::string marker = scratchPath("init");
        HostOptions options = fixtureHost({"fixture_base", "fixture_commands"}, scratchPath("trace"));
        options.environment["MOTEL_FIXTURE_INIT_MARKER"] = marker;
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(options, {"--help"}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("fixturecmd ...") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("loader test fixture command") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL_MESSAGE("a plugin library was opened", std::string(), slurp(marker));
    }

    void undeclaredCommandsOfAnOlderPluginStillWork() {
        // A library without the declaration section (SDK 3.0): only loading
        // it tells its commands, so the host loads before it decides.
        HostOptions options = fixtureHost({"fixture_legacy_commands"}, scratchPath("trace"));
        const std::string db = scratchPath("db") + ".sqlite";
        options.databaseUrl = "sqlite:" + db;
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(options, {"legacycmd", "x"}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("fixture command legacycmd x") != std::string::npos);
        std::remove(db.c_str());
        CPPUNIT_ASSERT_EQUAL(64, HostProcess::runCommand(options, {"bogus"}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("from plugins: legacycmd") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE("the database was opened", !Poco::File(db).exists());
    }

    void crossSettingRulesStopEverythingBeforeAnyMigration() {
        // Each value alone is valid; the combination is not, in two plugins.
        const std::string db = scratchPath("db") + ".sqlite";
        HostOptions options = fixtureHost({"fixture_base", "fixture_leaf"}, scratchPath("trace"));
        options.databaseUrl = "sqlite:" + db;
        for (const char* plugin : {"fixture_base", "fixture_leaf"}) {
            options.properties[std::string("plugins.") + plugin + ".tone"] = "loud";
            options.properties[std::string("plugins.") + plugin + ".limit"] = "5";
        }
        const auto bothNamed = [](const std::string& output) {
            for (const char* plugin : {"fixture_base", "fixture_leaf"}) {
                const std::string prefix = std::string("plugins.") + plugin + ".";
                CPPUNIT_ASSERT_MESSAGE(output, output.find(prefix + "tone=loud allows " + prefix +
                                                           "limit of at most 3 (got 5)") != std::string::npos);
            }
        };
        std::string output;
        CPPUNIT_ASSERT_EQUAL(78, HostProcess::runCommand(options, {"migrate"}, output)); // EX_CONFIG, as config check
        bothNamed(output);
        CPPUNIT_ASSERT_MESSAGE("the database was touched", !Poco::File(db).exists());
        CPPUNIT_ASSERT_EQUAL(78, HostProcess::runCommand(options, {"config", "check"}, output));
        bothNamed(output);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("2 error(s)") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE("the database was touched", !Poco::File(db).exists());

        options.properties["plugins.fixture_leaf.limit"] = "3";
        options.properties["plugins.fixture_base.limit"] = "2";
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(options, {"config", "check"}, output));
    }

    void versionNamesHostAndSdk() {
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(HostOptions(), {"--version"}, output));
        CPPUNIT_ASSERT_MESSAGE(output,
                               output.find(std::string("motel-host ") + MOTEL_HOST_VERSION) != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(output,
                               output.find(std::string("plugin SDK ") + MOTEL_SDK_VERSION_STRING) != std::string::npos);
    }

    void helpWrapsBetweenWords() {
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(HostOptions(), {"--help"}, output));
        std::istringstream lines(output);
        for (std::string line; std::getline(lines, line);)
            CPPUNIT_ASSERT_MESSAGE("longer than 80 columns: " + line, line.size() <= 80);
        // Every word of the long descriptions arrives whole.
        const auto words = wordsOf(output);
        for (const std::string sentence :
             {"empty the shared cache (never the job queue; use it instead of redis-cli FLUSHALL)",
              "Print the host's version and the plugin SDK's version and exit.",
              "PORT, HOST, DATABASE_URL, REDIS_URL, JWT_SECRET, JWT_EXPIRES_IN, MOTEL_PLUGINS, MOTEL_ENV,"})
            for (const auto& word : wordsOf(sentence))
                CPPUNIT_ASSERT_MESSAGE("'" + word + "' was cut:\n" + output, words.count(word) == 1);
    }

    void daemonDetachesWritesItsPidAndStopsOnSigterm() {
        // --daemon, --pidfile and --umask as Poco's ServerApplication had
        // them: the command returns at once (exit 0), the detached host
        // serves, its pid file names it, and SIGTERM stops it and removes
        // the file. Paths are absolute: the daemon works in /.
        const std::string dir = scratchPath("daemon");
        Poco::File(dir).createDirectories();
        const std::string config = dir + "/motel.properties";
        std::ofstream(config) << "http.host = 127.0.0.1\nhttp.port = 0\nhttp.portFile = " << dir
                              << "/http.port\nplugins.dir = " << MOTEL_TEST_PLUGIN_DIR
                              << "\nplugins.load = health\ndb.url = sqlite:" << dir << "/motel.db\n";
        const std::string pidFile = dir + "/motel.pid";
        Poco::ProcessHandle command = Poco::Process::launch(
            MOTEL_TEST_HOST_BINARY, {"--daemon", "--umask=027", "--pidfile=" + pidFile, "--config=" + config, "serve"});
        CPPUNIT_ASSERT_EQUAL(0, command.wait());
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (slurp(dir + "/http.port").empty() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CPPUNIT_ASSERT_MESSAGE("the daemon did not start listening", !slurp(dir + "/http.port").empty());
        const pid_t daemon = static_cast<pid_t>(std::stol(slurp(pidFile)));
        CPPUNIT_ASSERT(daemon != command.id());
        CPPUNIT_ASSERT_EQUAL(0, ::kill(daemon, 0));
        CPPUNIT_ASSERT_EQUAL(0, ::kill(daemon, SIGTERM));
        while (Poco::File(pidFile).exists() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CPPUNIT_ASSERT_MESSAGE("the pid file outlived the daemon", !Poco::File(pidFile).exists());
        Poco::File(dir).remove(true);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CommandLineTest);
