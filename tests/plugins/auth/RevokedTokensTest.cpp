// RevokedTokens: the in-memory side of logout.
#include "RevokedTokens.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::auth::RevokedTokens;

class RevokedTokensTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RevokedTokensTest);
    CPPUNIT_TEST(holdsRevokedIdsUntilTheirTokensExpire);
    CPPUNIT_TEST_SUITE_END();

public:
    void holdsRevokedIdsUntilTheirTokensExpire() {
        RevokedTokens revoked;
        revoked.add("a", 100);
        revoked.add("b", 200);
        CPPUNIT_ASSERT(revoked.contains("a"));
        CPPUNIT_ASSERT(!revoked.contains("c"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), revoked.forgetExpired(99));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), revoked.forgetExpired(100));
        CPPUNIT_ASSERT(!revoked.contains("a"));
        CPPUNIT_ASSERT(revoked.contains("b"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), revoked.size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RevokedTokensTest);
