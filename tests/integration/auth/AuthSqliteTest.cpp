// The auth scenarios (API and operations) on the embedded SQLite database.
#include "AuthOperationsSuite.h"

#include <Poco/File.h>
#include <Poco/Path.h>

#include <atomic>

#include <unistd.h>

namespace motel::test {

class AuthSqliteTest : public AuthOperationsSuite {
    CPPUNIT_TEST_SUITE(AuthSqliteTest);
    MOTEL_AUTH_API_TESTS;
    MOTEL_AUTH_OPERATIONS_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override {
        static std::atomic<int> counter{0};
        const std::string dir =
            Poco::Path::temp() + "motel-auth-db-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
        Poco::File(dir).createDirectories();
        scratchDirs_.push_back(dir);
        return "sqlite:" + dir + "/motel.db";
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthSqliteTest);

} // namespace motel::test
