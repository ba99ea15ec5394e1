#include "AssetRoot.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::dashboard::AssetRoot;
using motel::sdk::Settings;

class AssetRootTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AssetRootTest);
    CPPUNIT_TEST(defaultIsUnderTheInstallPrefix);
    CPPUNIT_TEST(relativeRootIsResolvedAgainstThePrefix);
    CPPUNIT_TEST(absoluteRootIsTakenAsIs);
    CPPUNIT_TEST_SUITE_END();

public:
    void defaultIsUnderTheInstallPrefix() {
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/motel/share/motel/dashboard"),
                             AssetRoot::resolve(Settings(), "/opt/motel/lib/motel/plugins/dashboard.so"));
    }

    void relativeRootIsResolvedAgainstThePrefix() {
        const Settings config("plugins.dashboard.", {{"root", "web/board"}});
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/motel/web/board"),
                             AssetRoot::resolve(config, "/srv/motel/lib/motel/plugins/dashboard.so"));
    }

    void absoluteRootIsTakenAsIs() {
        const Settings config("plugins.dashboard.", {{"root", "/var/www/board"}});
        CPPUNIT_ASSERT_EQUAL(std::string("/var/www/board"),
                             AssetRoot::resolve(config, "/opt/motel/lib/motel/plugins/dashboard.so"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AssetRootTest);
