// The daemon options' pieces that run inside a test: --daemon is found only
// as itself, --umask takes octal only, --pidfile writes this process's id.
// (Detaching is checked on the binary: tests/integration/host.)
#include "cli/CommandLine.h"
#include "cli/DaemonMode.h"

#include <Poco/TemporaryFile.h>

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace daemon_mode = motel::host::daemon_mode;

class DaemonModeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DaemonModeTest);
    CPPUNIT_TEST(onlyTheExactFlagDetaches);
    CPPUNIT_TEST(umaskIsOctal);
    CPPUNIT_TEST(pidFileHoldsTheProcessId);
    CPPUNIT_TEST(anUnwritablePidFileIsAnOptionError);
    CPPUNIT_TEST_SUITE_END();

public:
    void onlyTheExactFlagDetaches() {
        CPPUNIT_ASSERT(daemon_mode::requested({"--config=x", "--daemon"}));
        CPPUNIT_ASSERT(!daemon_mode::requested({"--daemon=1", "--d", "daemon", "serve"}));
    }

    void umaskIsOctal() {
        const mode_t before = ::umask(022);
        daemon_mode::setUmask("027");
        CPPUNIT_ASSERT_EQUAL(mode_t(027), ::umask(022));
        CPPUNIT_ASSERT_THROW(daemon_mode::setUmask("028"), motel::host::OptionError);
        CPPUNIT_ASSERT_THROW(daemon_mode::setUmask("-1"), motel::host::OptionError);
        CPPUNIT_ASSERT_EQUAL(mode_t(022), ::umask(before));
    }

    void pidFileHoldsTheProcessId() {
        const std::string path = Poco::TemporaryFile::tempName();
        daemon_mode::writePidFile(path); // removed when this test process exits
        std::ifstream in(path);
        pid_t written = 0;
        in >> written;
        CPPUNIT_ASSERT_EQUAL(::getpid(), written);
    }

    void anUnwritablePidFileIsAnOptionError() {
        try {
            daemon_mode::writePidFile("/nonexistent/dir/motel.pid");
            CPPUNIT_FAIL("wrote into a missing folder");
        } catch (const motel::host::OptionError& e) {
            CPPUNIT_ASSERT_EQUAL(
                std::string("Cannot write PID to file: /nonexistent/dir/motel.pid (No such file or directory)"),
                std::string(e.what()));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DaemonModeTest);
