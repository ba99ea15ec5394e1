// The auth store scenarios on SQLite (a file, so two pools share it).
#include "AuthStoreSuite.h"

#include <Poco/File.h>
#include <Poco/Path.h>

#include <atomic>

#include <unistd.h>

namespace motel::auth {

class AuthStoreSqliteTest : public AuthStoreSuite {
    CPPUNIT_TEST_SUITE(AuthStoreSqliteTest);
    MOTEL_AUTH_STORE_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override {
        static std::atomic<int> counter{0};
        const std::string dir =
            Poco::Path::temp() + "motel-auth-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
        Poco::File(dir).createDirectories();
        scratchDirs_.push_back(dir);
        return "sqlite:" + dir + "/motel.db";
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthStoreSqliteTest);

} // namespace motel::auth
