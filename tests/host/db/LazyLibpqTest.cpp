// LazyLibpq: libpq is found when first needed, and a missing function is a
// clear DatabaseUnavailable, not a crash.
#include "db/DatabaseErrors.h"
#include "db/LazyLibpq.h"

#include <cppunit/extensions/HelperMacros.h>

#include <string>

class LazyLibpqTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LazyLibpqTest);
    CPPUNIT_TEST(findsLibpqFunctions);
    CPPUNIT_TEST(aMissingFunctionIsDatabaseUnavailable);
    CPPUNIT_TEST_SUITE_END();

public:
    void findsLibpqFunctions() {
        CPPUNIT_ASSERT(motel::host::libpq::symbol("PQlibVersion") != nullptr);
        // Through the names the host's code uses (LibpqNames.h): libpq 15 or later here.
        CPPUNIT_ASSERT(PQlibVersion() >= 150000);
    }

    void aMissingFunctionIsDatabaseUnavailable() {
        try {
            motel::host::libpq::symbol("PQnoSuchFunction");
            CPPUNIT_FAIL("expected DatabaseUnavailable");
        } catch (const motel::host::DatabaseUnavailable& error) {
            CPPUNIT_ASSERT(error.detail().find("PQnoSuchFunction") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LazyLibpqTest);
