// db.url parsing: both forms, what Poco gets, and that the password never
// shows up in logs or error messages.
#include "db/DatabaseUrl.h"

#include <motel/sdk/Settings.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::host::test {

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The message of the ConfigError parse() throws for `url` ("" if none).
std::string parseError(const std::string& url) {
    try {
        DatabaseUrl::parse(url, "/srv/motel");
    } catch (const sdk::ConfigError& error) {
        return error.what();
    }
    return "";
}

} // namespace

class DatabaseUrlTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DatabaseUrlTest);
    CPPUNIT_TEST(testSqliteRelativePathResolvesAgainstBase);
    CPPUNIT_TEST(testSqliteAbsolutePathForms);
    CPPUNIT_TEST(testSqliteInMemory);
    CPPUNIT_TEST(testPostgresComponents);
    CPPUNIT_TEST(testPostgresDefaultsAndAlias);
    CPPUNIT_TEST(testPostgresPercentDecodingAndQuoting);
    CPPUNIT_TEST(testPostgresIpv6AndSocketFolder);
    CPPUNIT_TEST(testRedactionHidesPassword);
    CPPUNIT_TEST(testToStringRoundTrips);
    CPPUNIT_TEST(testBadUrlsSayWhatIsWrong);
    CPPUNIT_TEST(testErrorsNeverShowThePassword);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSqliteRelativePathResolvesAgainstBase() {
        const auto url = DatabaseUrl::parse("sqlite:var/motel.db", "/srv/motel");
        CPPUNIT_ASSERT(url.dialect() == sdk::Dialect::sqlite);
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite"), url.connector());
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/motel/var/motel.db"), url.path());
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/motel/var/motel.db"), url.connectionString());
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite:/srv/motel/var/motel.db"), url.redacted());
    }

    void testSqliteAbsolutePathForms() {
        CPPUNIT_ASSERT_EQUAL(std::string("/data/m.db"), DatabaseUrl::parse("sqlite:/data/m.db", "/srv").path());
        CPPUNIT_ASSERT_EQUAL(std::string("/data/m.db"), DatabaseUrl::parse("sqlite:///data/m.db", "/srv").path());
    }

    void testSqliteInMemory() {
        const auto url = DatabaseUrl::parse("sqlite::memory:", "/srv");
        CPPUNIT_ASSERT(url.isInMemory());
        CPPUNIT_ASSERT_EQUAL(std::string(":memory:"), url.connectionString());
    }

    void testPostgresComponents() {
        const auto url = DatabaseUrl::parse("postgresql://motel:secret@db.internal:6543/motel_prod?sslmode=require");
        CPPUNIT_ASSERT(url.dialect() == sdk::Dialect::postgresql);
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql"), url.connector());
        CPPUNIT_ASSERT_EQUAL(std::string("db.internal"), url.host());
        CPPUNIT_ASSERT_EQUAL(6543, url.port());
        CPPUNIT_ASSERT_EQUAL(std::string("motel"), url.user());
        CPPUNIT_ASSERT_EQUAL(std::string("motel_prod"), url.database());
        const std::string connection = url.connectionString(7);
        CPPUNIT_ASSERT(contains(connection, "host=db.internal"));
        CPPUNIT_ASSERT(contains(connection, "port=6543"));
        CPPUNIT_ASSERT(contains(connection, "dbname=motel_prod"));
        CPPUNIT_ASSERT(contains(connection, "user=motel"));
        CPPUNIT_ASSERT(contains(connection, "password=secret"));
        CPPUNIT_ASSERT(contains(connection, "sslmode=require"));
        CPPUNIT_ASSERT(contains(connection, "connect_timeout=7"));
    }

    void testPostgresDefaultsAndAlias() {
        const auto url = DatabaseUrl::parse("postgres://app@localhost/app?connect_timeout=3");
        CPPUNIT_ASSERT(url.dialect() == sdk::Dialect::postgresql);
        CPPUNIT_ASSERT_EQUAL(5432, url.port());
        CPPUNIT_ASSERT(!contains(url.connectionString(), "password="));
        CPPUNIT_ASSERT(contains(url.connectionString(9), "connect_timeout=3"));
        CPPUNIT_ASSERT(!contains(url.connectionString(9), "connect_timeout=9"));
    }

    void testPostgresPercentDecodingAndQuoting() {
        const auto url = DatabaseUrl::parse("postgresql://motel:it%27s%40home%2F1@127.0.0.1:5432/my%5Fdb");
        CPPUNIT_ASSERT_EQUAL(std::string("my_db"), url.database());
        // Poco hands the string to libpq, which needs quotes around a value with a quote.
        CPPUNIT_ASSERT(contains(url.connectionString(), "password='it\\'s@home/1'"));
        // An unencoded '@' in the password still parses (the last '@' ends it).
        CPPUNIT_ASSERT_EQUAL(std::string("h"), DatabaseUrl::parse("postgresql://u:p@ss@h/d").host());
    }

    void testPostgresIpv6AndSocketFolder() {
        const auto v6 = DatabaseUrl::parse("postgresql://u:p@[::1]:5433/d");
        CPPUNIT_ASSERT_EQUAL(std::string("::1"), v6.host());
        CPPUNIT_ASSERT_EQUAL(5433, v6.port());
        const auto socket = DatabaseUrl::parse("postgresql://u@/d?host=/run/postgresql&port=5444");
        CPPUNIT_ASSERT_EQUAL(std::string("/run/postgresql"), socket.host());
        CPPUNIT_ASSERT_EQUAL(5444, socket.port());
        CPPUNIT_ASSERT(contains(socket.connectionString(), "host=/run/postgresql"));
    }

    void testRedactionHidesPassword() {
        const auto url = DatabaseUrl::parse("postgresql://motel:s3cr3t@db:5432/motel?sslmode=verify-full");
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql://motel:***@db:5432/motel?sslmode=verify-full"), url.redacted());
        CPPUNIT_ASSERT(!contains(url.redacted(), "s3cr3t"));
    }

    void testToStringRoundTrips() {
        const auto url = DatabaseUrl::parse("postgresql://motel:p%40ss@db:5432/motel?sslmode=require");
        const auto again = DatabaseUrl::parse(url.toString());
        CPPUNIT_ASSERT_EQUAL(url.connectionString(), again.connectionString());
        CPPUNIT_ASSERT_EQUAL(std::string("other"), url.withDatabase("other").database());
        CPPUNIT_ASSERT_EQUAL(url.host(), url.withDatabase("other").host());
    }

    void testBadUrlsSayWhatIsWrong() {
        CPPUNIT_ASSERT(contains(parseError("mysql://u:p@h/d"), "expected sqlite:PATH or postgresql://"));
        CPPUNIT_ASSERT(contains(parseError("sqlite:"), "file path"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://u:p@h:5432"), "database name"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://u:p@h:5432/"), "database name"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://u:p@/d"), "expected a host"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://u:p@h:abc/d"), "port 'abc'"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://u:p@h:70000/d"), "port '70000'"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://u:p@h/d?sslmod=require"), "unknown parameter 'sslmod'"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://u:p@h/d?sslmode=sometimes"), "sslmode 'sometimes'"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://u:p@h/d?connect_timeout=soon"), "connect_timeout"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://u:a%20b@h/d"), "spaces"));
        CPPUNIT_ASSERT(parseError("postgresql://u:p@h/d").empty());
        CPPUNIT_ASSERT(contains(parseError("mysql://u:p@h/d"), "db.url"));
    }

    void testErrorsNeverShowThePassword() {
        for (const std::string url : {"postgresql://motel:hunter2@h:99999/d", "postgresql://motel:hunter2@h/d?bad=1",
                                      "postgresql://motel:hunter2@h", "postgres://motel:hunter2@/d"}) {
            const std::string message = parseError(url);
            CPPUNIT_ASSERT_MESSAGE(url, !message.empty());
            CPPUNIT_ASSERT_MESSAGE(message, !contains(message, "hunter2"));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DatabaseUrlTest);

} // namespace motel::host::test
