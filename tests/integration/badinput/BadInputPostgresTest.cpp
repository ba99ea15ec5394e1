// The API bad-input scenarios on PostgreSQL (CTest fixture `postgres`):
// injection strings, NUL bytes and out-of-range numbers meet the other SQL
// dialect and its stricter types.
#include "BadApiInputScenarios.h"

#include "support/TestPostgres.h"

namespace motel::test {

class BadInputPostgresTest : public BadApiInputScenarios {
    CPPUNIT_TEST_SUITE(BadInputPostgresTest);
    MOTEL_BAD_API_INPUT_TESTS;
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return freshPostgresDatabase(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BadInputPostgresTest);

} // namespace motel::test
