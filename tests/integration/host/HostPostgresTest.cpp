// The host on a real PostgreSQL: migrations applied exactly once even when
// two hosts migrate the same database at the same time, then served.
#include "FixtureHost.h"
#include "support/TestPostgres.h"

#include <cppunit/extensions/HelperMacros.h>

#include <thread>

using namespace motel::test;

class HostPostgresTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HostPostgresTest);
    CPPUNIT_TEST(twoHostsMigratingAtOnceApplyEachMigrationOnce);
    CPPUNIT_TEST(servesOnPostgres);
    CPPUNIT_TEST_SUITE_END();

public:
    void twoHostsMigratingAtOnceApplyEachMigrationOnce() {
        HostOptions options = fixtureHost({"fixture_base", "fixture_middle", "fixture_top"}, "");
        options.databaseUrl = freshPostgresDatabase();
        std::string first, second;
        int firstCode = -1, secondCode = -1;
        std::thread a([&] { firstCode = HostProcess::runCommand(options, {"migrate"}, first); });
        std::thread b([&] { secondCode = HostProcess::runCommand(options, {"migrate"}, second); });
        a.join();
        b.join();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(first, 0, firstCode);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(second, 0, secondCode);
        // Between them, the three migrations were applied exactly once.
        const auto applied = [](const std::string& out) {
            std::size_t n = 0;
            for (auto pos = out.find("applied "); pos != std::string::npos; pos = out.find("applied ", pos + 1))
                if (pos == 0 || out[pos - 1] == '\n') ++n;
            return n;
        };
        CPPUNIT_ASSERT_EQUAL_MESSAGE(first + second, std::size_t(3), applied(first) + applied(second));
        std::string third;
        CPPUNIT_ASSERT_EQUAL(0, HostProcess::runCommand(options, {"migrate"}, third));
        CPPUNIT_ASSERT_MESSAGE(third, third.find("database is up to date") != std::string::npos);
    }

    void servesOnPostgres() {
        HostOptions options = fixtureHost({"fixture_base"}, "");
        options.databaseUrl = freshPostgresDatabase();
        HostProcess host(options);
        CPPUNIT_ASSERT_EQUAL(200, host.request("GET", "/fixture/fixture_base/ok").status);
        CPPUNIT_ASSERT_EQUAL(0, host.stop());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostPostgresTest);
