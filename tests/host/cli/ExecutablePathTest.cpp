// Where the host finds itself from argv[0]: the prefix of its default
// configuration depends on it.
#include "cli/ExecutablePath.h"

#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>

using motel::host::ExecutablePath;

class ExecutablePathTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ExecutablePathTest);
    CPPUNIT_TEST(anAbsolutePathIsKept);
    CPPUNIT_TEST(aRelativePathIsTakenFromTheWorkingDirectory);
    CPPUNIT_TEST(aBareNameIsLookedUpOnThePath);
    CPPUNIT_TEST_SUITE_END();

public:
    void anAbsolutePathIsKept() {
        const ExecutablePath executable("/opt/motel/bin/motel-host", "/somewhere/");
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/motel/bin/motel-host"), executable.path());
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/motel/bin/"), executable.directory());
        CPPUNIT_ASSERT_EQUAL(std::string("motel-host"), executable.baseName());
    }

    void aRelativePathIsTakenFromTheWorkingDirectory() {
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/motel/bin/"),
                             ExecutablePath("bin/motel-host", "/opt/motel/").directory());
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/motel/bin/"),
                             ExecutablePath("./bin/motel-host", "/opt/motel/").directory());
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/motel/bin/"),
                             ExecutablePath("../bin/motel-host", "/opt/motel/etc/").directory());
    }

    void aBareNameIsLookedUpOnThePath() {
        const char* saved = std::getenv("PATH");
        const std::string before = saved ? saved : "";
        ::setenv("PATH", "/nonexistent:/bin", 1);
        const ExecutablePath found("sh", "/tmp/");
        CPPUNIT_ASSERT_EQUAL(std::string("/bin/sh"), found.path());
        const ExecutablePath missing("no-such-motel-binary", "/tmp/");
        CPPUNIT_ASSERT_EQUAL(std::string("/tmp/no-such-motel-binary"), missing.path());
        ::setenv("PATH", before.c_str(), 1);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ExecutablePathTest);
