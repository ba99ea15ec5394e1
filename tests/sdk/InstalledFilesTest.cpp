// sdk::InstalledFiles: a plugin's files under its install prefix (the
// dashboard's board, apidocs' reference).
#include <motel/sdk/InstalledFiles.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::InstalledFiles;

class InstalledFilesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(InstalledFilesTest);
    CPPUNIT_TEST(relativeRootIsUnderTheInstallPrefix);
    CPPUNIT_TEST(absoluteRootIsTakenAsItIs);
    CPPUNIT_TEST(prefixIsThreeFoldersAboveThePluginsFolder);
    CPPUNIT_TEST(thisModuleIsFound);
    CPPUNIT_TEST_SUITE_END();

public:
    void relativeRootIsUnderTheInstallPrefix() {
        CPPUNIT_ASSERT_EQUAL(std::string("/usr/share/motel/apidocs"),
                             InstalledFiles::resolve("share/motel/apidocs", "/usr/lib/motel/plugins/apidocs.so"));
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/motel/web/board"),
                             InstalledFiles::resolve("web/board", "/srv/motel/lib/motel/plugins/dashboard.so"));
    }

    void absoluteRootIsTakenAsItIs() {
        CPPUNIT_ASSERT_EQUAL(std::string("/var/www/board"),
                             InstalledFiles::resolve("/var/www/board", "/opt/motel/lib/motel/plugins/dashboard.so"));
    }

    void prefixIsThreeFoldersAboveThePluginsFolder() {
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/motel/"),
                             InstalledFiles::prefixOf("/opt/motel/lib/motel/plugins/dashboard.so"));
    }

    void thisModuleIsFound() { CPPUNIT_ASSERT(!InstalledFiles::thisModuleFile().empty()); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InstalledFilesTest);
