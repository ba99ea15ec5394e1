#include "DocsRoot.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::apidocs::DocsRoot;

class DocsRootTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DocsRootTest);
    CPPUNIT_TEST(relativeRootIsUnderTheInstallPrefix);
    CPPUNIT_TEST(absoluteRootIsTakenAsItIs);
    CPPUNIT_TEST(thisModuleIsFound);
    CPPUNIT_TEST_SUITE_END();

public:
    void relativeRootIsUnderTheInstallPrefix() {
        CPPUNIT_ASSERT_EQUAL(std::string("/usr/share/motel/apidocs"),
                             DocsRoot::resolve("share/motel/apidocs", "/usr/lib/motel/plugins/apidocs.so"));
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/motel/docs"),
                             DocsRoot::resolve("docs", "/opt/motel/lib/motel/plugins/apidocs.so"));
    }

    void absoluteRootIsTakenAsItIs() {
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/reference"),
                             DocsRoot::resolve("/srv/reference", "/usr/lib/motel/plugins/apidocs.so"));
    }

    void thisModuleIsFound() { CPPUNIT_ASSERT(!DocsRoot::thisModuleFile().empty()); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DocsRootTest);
