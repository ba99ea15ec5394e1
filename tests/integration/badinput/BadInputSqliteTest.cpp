// The API bad-input scenarios on SQLite (the default database).
#include "BadApiInputScenarios.h"

namespace motel::test {

class BadInputSqliteTest : public BadApiInputScenarios {
    CPPUNIT_TEST_SUITE(BadInputSqliteTest);
    MOTEL_BAD_API_INPUT_TESTS;
    CPPUNIT_TEST_SUITE_END();
};

CPPUNIT_TEST_SUITE_REGISTRATION(BadInputSqliteTest);

} // namespace motel::test
