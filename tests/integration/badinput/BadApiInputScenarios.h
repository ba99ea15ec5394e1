#pragma once
// Bad input at the API level, with a valid token so every request reaches a
// handler: wrong content types, invalid UTF-8, deeply nested JSON, numbers
// out of range, SQL-injection strings in every filter and field, path
// traversal, unknown fields, ids that overflow, broken tokens. Every answer
// is a 4xx envelope (or, for text that is merely unusual, a normal answer
// that stores it verbatim), the tables are intact afterwards and the host
// keeps serving. Run on SQLite and on PostgreSQL (BadInputSqliteTest,
// BadInputPostgresTest): injection and odd bytes meet both SQL dialects.

#include "BadInputFixture.h"

#include <string>
#include <vector>

namespace motel::test {

class BadApiInputScenarios : public BadInputFixture {
public:
    void wrongContentTypesGet415();
    void invalidUtf8Gets400();
    void deeplyNestedJsonGets400();
    void numbersOutOfRangeGet400();
    void sqlInjectionInFiltersGets400();
    void sqlInjectionInFieldsIsStoredAsText();
    void pathTraversalFindsNothing();
    void unknownFieldsGet400();
    void overflowingIdsAre404Or400();
    void brokenTokensGet401();
    void oddButValidTextIsKeptVerbatim();

protected:
    /// Every string a careless query builder would have trusted.
    static const std::vector<std::string>& injections();
    /// Percent-encodes for a query string.
    static std::string encoded(const std::string& text);
    /// JSON string literal for `text`.
    static std::string quoted(const std::string& text);
    std::int64_t createSuite(const std::string& number);
    std::int64_t countOf(const std::string& collection);
};

#define MOTEL_BAD_API_INPUT_TESTS                                                                                      \
    CPPUNIT_TEST(wrongContentTypesGet415);                                                                             \
    CPPUNIT_TEST(invalidUtf8Gets400);                                                                                  \
    CPPUNIT_TEST(deeplyNestedJsonGets400);                                                                             \
    CPPUNIT_TEST(numbersOutOfRangeGet400);                                                                             \
    CPPUNIT_TEST(sqlInjectionInFiltersGets400);                                                                        \
    CPPUNIT_TEST(sqlInjectionInFieldsIsStoredAsText);                                                                  \
    CPPUNIT_TEST(pathTraversalFindsNothing);                                                                           \
    CPPUNIT_TEST(unknownFieldsGet400);                                                                                 \
    CPPUNIT_TEST(overflowingIdsAre404Or400);                                                                           \
    CPPUNIT_TEST(brokenTokensGet401);                                                                                  \
    CPPUNIT_TEST(oddButValidTextIsKeptVerbatim)

} // namespace motel::test
