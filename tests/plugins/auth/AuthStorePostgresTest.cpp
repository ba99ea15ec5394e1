// The auth store scenarios on PostgreSQL (CTest fixture `postgres`).
#include "AuthStoreSuite.h"

#include "support/TestPostgres.h"

namespace motel::auth {

class AuthStorePostgresTest : public AuthStoreSuite {
    CPPUNIT_TEST_SUITE(AuthStorePostgresTest);
    MOTEL_AUTH_STORE_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return test::freshPostgresDatabase(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthStorePostgresTest);

} // namespace motel::auth
