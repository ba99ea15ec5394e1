// The auth scenarios on PostgreSQL (CTest fixture `postgres`).
#include "AuthApiSuite.h"

#include "support/TestPostgres.h"

namespace motel::test {

class AuthPostgresTest : public AuthApiSuite {
    CPPUNIT_TEST_SUITE(AuthPostgresTest);
    MOTEL_AUTH_API_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return freshPostgresDatabase(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthPostgresTest);

} // namespace motel::test
