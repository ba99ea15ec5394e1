// Migration SQL handling: portable tokens, statement splitting, checksums.
#include "db/SqlScript.h"

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

namespace motel::host::test {

class SqlScriptTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SqlScriptTest);
    CPPUNIT_TEST(testTokensPerDialect);
    CPPUNIT_TEST(testUnknownTokenIsRefused);
    CPPUNIT_TEST(testSplitsOnSemicolonsOutsideQuotesAndComments);
    CPPUNIT_TEST(testDollarQuotedBodiesStayWhole);
    CPPUNIT_TEST(testBlankAndCommentOnlyPiecesAreDropped);
    CPPUNIT_TEST(testChecksumIsStableAndSeesEveryChange);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTokensPerDialect() {
        const std::string sql = "CREATE TABLE t (id {{id}}, n {{ bigint }})";
        CPPUNIT_ASSERT_EQUAL(std::string("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER)"),
                             SqlScript::expandTokens(sql, sdk::Dialect::sqlite));
        CPPUNIT_ASSERT_EQUAL(std::string("CREATE TABLE t (id BIGSERIAL PRIMARY KEY, n BIGINT)"),
                             SqlScript::expandTokens(sql, sdk::Dialect::postgresql));
    }

    void testUnknownTokenIsRefused() {
        CPPUNIT_ASSERT_THROW(SqlScript::expandTokens("CREATE TABLE t (x {{uuid}})", sdk::Dialect::sqlite),
                             std::invalid_argument);
        CPPUNIT_ASSERT_THROW(SqlScript::expandTokens("CREATE TABLE t (x {{id)", sdk::Dialect::sqlite),
                             std::invalid_argument);
    }

    void testSplitsOnSemicolonsOutsideQuotesAndComments() {
        const auto parts = SqlScript::split("CREATE TABLE a (x TEXT);\n"
                                            "INSERT INTO a VALUES ('x;y'), ('it''s;');\n"
                                            "-- a comment; with a semicolon\n"
                                            "INSERT INTO \"we;ird\" VALUES (1) /* also; here */ ;"
                                            "SELECT 1");
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), parts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("CREATE TABLE a (x TEXT)"), parts[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("INSERT INTO a VALUES ('x;y'), ('it''s;')"), parts[1]);
        CPPUNIT_ASSERT_EQUAL(
            std::string("-- a comment; with a semicolon\nINSERT INTO \"we;ird\" VALUES (1) /* also; here */"),
            parts[2]);
        CPPUNIT_ASSERT_EQUAL(std::string("SELECT 1"), parts[3]);
    }

    void testDollarQuotedBodiesStayWhole() {
        const auto parts = SqlScript::split("CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;"
                                            "DO $$ BEGIN PERFORM 1; END $$;"
                                            "SELECT $1");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), parts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("DO $$ BEGIN PERFORM 1; END $$"), parts[1]);
        CPPUNIT_ASSERT_EQUAL(std::string("SELECT $1"), parts[2]);
    }

    void testBlankAndCommentOnlyPiecesAreDropped() {
        CPPUNIT_ASSERT(SqlScript::split("  ;\n; -- nothing\n /* at all */ ;").empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), SqlScript::split("SELECT 1;;\n").size());
    }

    void testChecksumIsStableAndSeesEveryChange() {
        const std::string sql = "CREATE TABLE t (x INTEGER)";
        CPPUNIT_ASSERT_EQUAL(SqlScript::checksum(sql), SqlScript::checksum(sql));
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), SqlScript::checksum(sql).size());
        CPPUNIT_ASSERT(SqlScript::checksum(sql) != SqlScript::checksum(sql + " "));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqlScriptTest);

} // namespace motel::host::test
