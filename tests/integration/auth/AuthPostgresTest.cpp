// The auth scenarios (API and operations) on PostgreSQL (CTest fixture `postgres`).
#include "AuthOperationsSuite.h"

#include "support/TestPostgres.h"

namespace motel::test {

class AuthPostgresTest : public AuthOperationsSuite {
    CPPUNIT_TEST_SUITE(AuthPostgresTest);
    MOTEL_AUTH_API_TESTS;
    MOTEL_AUTH_OPERATIONS_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return freshPostgresDatabase(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthPostgresTest);

} // namespace motel::test
