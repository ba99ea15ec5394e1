// What an operator and a third-party plugin author get from
// `cmake --install`: the layout, a host that runs with no flags, and an SDK
// package an out-of-tree plugin builds against.
#include "support/HostProcess.h"

#include <motel/sdk/Version.h>

#include <Poco/File.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Path.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <signal.h>

using namespace motel::test;

namespace {
std::string g_prefix;

// Removes the temporary prefix when the runner exits.
struct PrefixCleanup {
    ~PrefixCleanup() {
        try {
            if (!g_prefix.empty()) Poco::File(g_prefix).remove(true);
        } catch (...) {
        }
    }
} g_cleanup;

// Runs a command through the shell; output goes to `log`. Returns the exit code.
int sh(const std::string& command, const std::string& log) {
    Poco::ProcessHandle handle = Poco::Process::launch("/bin/sh", {"-c", command + " >>'" + log + "' 2>&1"});
    return handle.wait();
}

std::string readAll(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::pair<int, std::string> get(std::uint16_t port, const std::string& path) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::ostringstream body;
    Poco::StreamCopier::copyStream(session.receiveResponse(response), body);
    return {static_cast<int>(response.getStatus()), body.str()};
}

// The port a host named in its log since `from` ("listening on 127.0.0.1:<port>"), or 0.
std::uint16_t listeningPort(const std::string& log, std::size_t from) {
    const std::string marker = "listening on 127.0.0.1:";
    const auto at = log.find(marker, from);
    if (at == std::string::npos) return 0;
    const unsigned long port = std::strtoul(log.c_str() + at + marker.size(), nullptr, 10);
    return port > 0 && port <= 65535 ? static_cast<std::uint16_t>(port) : 0;
}

// Starts the installed host with no flags (only environment), waits for it.
// PORT=0: the kernel gives it a free port, which it names in its log, so no
// other test's host can take the port between choosing and binding it.
class InstalledHost {
public:
    explicit InstalledHost(Poco::Process::Env env) : log_(g_prefix + "/host.log") {
        env["PORT"] = "0";
        env["HOST"] = "127.0.0.1";
        const std::size_t logStart = readAll(log_).size();
        handle_ = std::make_unique<Poco::ProcessHandle>(
            Poco::Process::launch("/bin/sh", {"-c", "exec \"$0\" >>\"$1\" 2>&1", g_prefix + "/bin/motel-host", log_},
                                  g_prefix, nullptr, nullptr, nullptr, env));
        for (int i = 0; i < 200; ++i) {
            if (port_ == 0) port_ = listeningPort(readAll(log_), logStart);
            try {
                if (port_ != 0 && get(port_, "/health/live").first == 200) return;
            } catch (...) {
            }
            if (!Poco::Process::isRunning(*handle_)) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        throw std::runtime_error("installed host did not start:\n" + readAll(log_));
    }
    ~InstalledHost() {
        ::kill(handle_->id(), SIGTERM);
        handle_->wait();
    }
    std::uint16_t port() const { return port_; }

private:
    std::uint16_t port_ = 0;
    std::string log_;
    std::unique_ptr<Poco::ProcessHandle> handle_;
};
} // namespace

class InstallTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(InstallTest);
    CPPUNIT_TEST(installLayout);
    CPPUNIT_TEST(installedHostRunsWithNoFlags);
    CPPUNIT_TEST(outOfTreePluginBuildsAndLoads);
    CPPUNIT_TEST(packageCarriesTheSdkVersion);
    CPPUNIT_TEST_SUITE_END();

public:
    static void installOnce() {
        if (!g_prefix.empty()) return;
        g_prefix = Poco::Path::temp() + "motel-install-" + std::to_string(::getpid());
        Poco::File(g_prefix).createDirectories();
        const std::string log = g_prefix + "/install.log";
        if (sh("cmake --install '" MOTEL_TEST_BUILD_DIR "' --prefix '" + g_prefix + "'", log) != 0)
            throw std::runtime_error("cmake --install failed:\n" + readAll(log));
    }

    void setUp() override { installOnce(); }

    void installLayout() {
        for (const char* path : {"/bin/motel-host",
                                 "/lib/motel/plugins/health.so",
                                 "/include/motel/sdk/Sdk.h",
                                 "/include/motel/sdk/Plugin.h",
                                 "/lib/libmotel-sdk.so",
                                 "/lib/libmotel-sdk.so.3",
                                 "/lib/libmotel-sdk-kit.a",
                                 "/lib/libmotel-sdk-testing.a",
                                 "/include/motel/sdk/testing/TestContext.h",
                                 "/include/motel/plugins/suites/SuiteDirectory.h",
                                 "/include/motel/plugins/Topics.h",
                                 "/include/motel/plugins/auth/Roles.h",
                                 "/include/motel/plugins/realtime/RealtimeHub.h",
                                 "/include/motel/plugins/realtime/RealtimeNames.h",
                                 "/include/motel/sdk/testing/FakeRealtimeHub.h",
                                 "/lib/pkgconfig/motel-sdk.pc",
                                 "/lib/cmake/MotelSDK/MotelSDKConfig.cmake",
                                 "/lib/cmake/MotelSDK/MotelSDKConfigVersion.cmake",
                                 "/lib/cmake/MotelSDK/MotelPlugin.cmake",
                                 "/etc/motel/motel.properties"})
            CPPUNIT_ASSERT_MESSAGE(path, Poco::File(g_prefix + path).exists());
        // Test fixtures are never installed.
        CPPUNIT_ASSERT(!Poco::File(g_prefix + "/lib/motel/plugins/fixture_base.so").exists());
    }

    void installedHostRunsWithNoFlags() {
        InstalledHost host(Poco::Process::Env{{"MOTEL_PLUGINS", "health"}});
        CPPUNIT_ASSERT_EQUAL(200, get(host.port(), "/health/live").first);
        // Its embedded database went under the prefix.
        CPPUNIT_ASSERT(Poco::File(g_prefix + "/var/motel.db").exists());
    }

    void outOfTreePluginBuildsAndLoads() {
        const std::string build = g_prefix + "/hello-build";
        const std::string log = g_prefix + "/hello.log";
        const std::string configure = "cmake -S '" MOTEL_TEST_SOURCE_DIR "/sdk/examples/hello' -B '" + build +
                                      "' -DCMAKE_PREFIX_PATH='" + g_prefix + "'";
        CPPUNIT_ASSERT_EQUAL_MESSAGE(readAll(log), 0, sh(configure, log));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(readAll(log), 0, sh("cmake --build '" + build + "' -j2", log));
        // Its unit tests run on the SDK's test kit, with no host.
        CPPUNIT_ASSERT_EQUAL_MESSAGE(readAll(log), 0, sh("ctest --test-dir '" + build + "' --output-on-failure", log));
        CPPUNIT_ASSERT_MESSAGE(readAll(log), readAll(log).find("hello_tests: all passed") != std::string::npos ||
                                                 readAll(log).find("100% tests passed") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(readAll(log), 0,
                                     sh("cmake --install '" + build + "' --prefix '" + g_prefix + "'", log));
        CPPUNIT_ASSERT(Poco::File(g_prefix + "/lib/motel/plugins/hello.so").exists());

        InstalledHost host(Poco::Process::Env{{"MOTEL_PLUGINS", "auth,suites,health,realtime,hello"}});
        const auto hello = get(host.port(), "/hello");
        CPPUNIT_ASSERT_EQUAL(200, hello.first);
        CPPUNIT_ASSERT_MESSAGE(hello.second,
                               hello.second.find("Hello from a Motel Manager plugin") != std::string::npos);
    }

    void packageCarriesTheSdkVersion() {
        const std::string project = g_prefix + "/version-probe";
        Poco::File(project).createDirectories();
        const auto probe = [&](const std::string& request) {
            std::ofstream(project + "/CMakeLists.txt")
                << "cmake_minimum_required(VERSION 3.20)\nproject(Probe LANGUAGES CXX)\n"
                << "find_package(MotelSDK " << request << " REQUIRED)\n";
            const std::string log = project + "/" + request + ".log";
            return sh("cmake -S '" + project + "' -B '" + project + "/build-" + request + "' -DCMAKE_PREFIX_PATH='" +
                          g_prefix + "'",
                      log);
        };
        CPPUNIT_ASSERT_EQUAL(0, probe("3.0"));
        CPPUNIT_ASSERT(probe("2.2") != 0); // another major
        CPPUNIT_ASSERT(probe("4.0") != 0);
        const std::string log = project + "/pkg-config.log";
        CPPUNIT_ASSERT_EQUAL(
            0, sh("PKG_CONFIG_PATH='" + g_prefix + "/lib/pkgconfig' pkg-config --modversion motel-sdk", log));
        CPPUNIT_ASSERT_MESSAGE(readAll(log), readAll(log).find(MOTEL_SDK_VERSION_STRING) != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InstallTest);
