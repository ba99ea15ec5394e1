// The host binary end to end: which plugins it loads, in which order, and
// how it refuses broken ones (one clear line, non-zero exit, nothing half
// started).
#include "FixtureHost.h"

#include <motel/sdk/Version.h>

#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdio>

using namespace motel::test;

namespace {
std::string tempTrace() {
    return Poco::Path::temp() + "motel-trace-" + std::to_string(::getpid()) + "-" +
           std::to_string(reinterpret_cast<std::uintptr_t>(&tempTrace) % 1000) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".log";
}

// Runs `serve` for a configuration that must fail; returns the exit code.
int failingServe(const HostOptions& options, std::string& output) {
    return HostProcess::runCommand(options, {"serve"}, output);
}
} // namespace

class HostLifecycleTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HostLifecycleTest);
    CPPUNIT_TEST(healthOnlyHostServesLiveAndNothingElse);
    CPPUNIT_TEST(unknownPluginStopsTheHostNamingIt);
    CPPUNIT_TEST(pluginsStartInDependencyOrderAndStopInReverse);
    CPPUNIT_TEST(missingDependencyStopsTheHost);
    CPPUNIT_TEST(cycleStopsTheHost);
    CPPUNIT_TEST(wrongAbiStopsTheHostWithEachField);
    CPPUNIT_TEST(throwingStartStopsWhatAlreadyStarted);
    CPPUNIT_TEST(migrateAppliesOnceThenReportsUpToDate);
    CPPUNIT_TEST(pluginsCommandListsWhatItFinds);
    CPPUNIT_TEST(badConfigurationStopsTheHostNamingTheKey);
    CPPUNIT_TEST_SUITE_END();

public:
    void healthOnlyHostServesLiveAndNothingElse() {
        HostOptions options;
        options.plugins = {"health"};
        HostProcess host(options);
        CPPUNIT_ASSERT_EQUAL(200, host.request("GET", "/health/live").status);
        CPPUNIT_ASSERT_EQUAL(404, host.request("GET", "/metrics").status);
        CPPUNIT_ASSERT_EQUAL(404, host.request("GET", "/api/suites").status);
        CPPUNIT_ASSERT_EQUAL(404, host.request("GET", "/socket.io/").status);
        CPPUNIT_ASSERT_EQUAL(0, host.stop());
    }

    void unknownPluginStopsTheHostNamingIt() {
        HostOptions options;
        options.plugins = {"health", "housekeeping_robot"};
        std::string output;
        CPPUNIT_ASSERT(failingServe(options, output) != 0);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("plugin 'housekeeping_robot': not found") != std::string::npos);
    }

    void pluginsStartInDependencyOrderAndStopInReverse() {
        const std::string trace = tempTrace();
        {
            HostProcess host(fixtureHost({"fixture_top", "fixture_base", "fixture_middle"}, trace));
            CPPUNIT_ASSERT_EQUAL(200, host.request("GET", "/fixture/fixture_top/ok").status);
            CPPUNIT_ASSERT_EQUAL(0, host.stop());
        }
        CPPUNIT_ASSERT_EQUAL(std::string("start fixture_base\nstart fixture_middle\nstart fixture_top\n"
                                         "stop fixture_top\nstop fixture_middle\nstop fixture_base\n"),
                             slurp(trace));
        std::remove(trace.c_str());
    }

    void missingDependencyStopsTheHost() {
        std::string output;
        CPPUNIT_ASSERT(failingServe(fixtureHost({"fixture_orphan"}, ""), output) != 0);
        CPPUNIT_ASSERT_MESSAGE(output,
                               output.find("plugin 'fixture_orphan' depends on 'fixture_absent'") != std::string::npos);
    }

    void cycleStopsTheHost() {
        std::string output;
        CPPUNIT_ASSERT(failingServe(fixtureHost({"fixture_cycle_a", "fixture_cycle_b"}, ""), output) != 0);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("dependency cycle") != std::string::npos);
    }

    void wrongAbiStopsTheHostWithEachField() {
        std::string output;
        CPPUNIT_ASSERT(failingServe(fixtureHost({"fixture_wrong_abi"}, ""), output) != 0);
        CPPUNIT_ASSERT_MESSAGE(output,
                               output.find("plugin 'fixture_wrong_abi': incompatible ABI") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("SDK ABI major") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("C++ ABI") != std::string::npos);
    }

    void throwingStartStopsWhatAlreadyStarted() {
        const std::string trace = tempTrace();
        std::string output;
        CPPUNIT_ASSERT(failingServe(fixtureHost({"fixture_base", "fixture_throwing_start"}, trace), output) != 0);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("plugin 'fixture_throwing_start': start() failed: Illegal state: "
                                                   "deliberate failure in start()") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("start fixture_base\nstart fixture_throwing_start\nstop fixture_base\n"),
                             slurp(trace));
        std::remove(trace.c_str());
    }

    void migrateAppliesOnceThenReportsUpToDate() {
        Poco::TemporaryFile db;
        HostOptions options = fixtureHost({"fixture_base", "fixture_middle"}, "");
        options.databaseUrl = "sqlite:" + db.path();
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(options, {"migrate"}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("2 migration(s) applied") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(options, {"migrate"}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("database is up to date") != std::string::npos);
    }

    void pluginsCommandListsWhatItFinds() {
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(fixtureHost({}, ""), {"plugins"}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("fixture_middle 0.0.1 (SDK ABI " +
                                                   std::to_string(MOTEL_SDK_ABI_MAJOR) + ".") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("depends on: fixture_base") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("fixture_wrong_abi UNUSABLE") != std::string::npos);
    }

    void badConfigurationStopsTheHostNamingTheKey() {
        HostOptions options;
        options.environment["PORT"] = "not-a-port";
        std::string output;
        CPPUNIT_ASSERT(HostProcess::runCommand(options, {"serve"}, output) != 0);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("http.port='not-a-port'") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostLifecycleTest);
