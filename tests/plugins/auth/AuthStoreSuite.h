#pragma once
// The auth plugin's classes on a real database (the host's SqlDatabase with
// the plugin's migrations applied), for what only a database can show:
// races between hosts and requests, and that the authenticator follows the
// stored user. Run on SQLite (AuthStoreSqliteTest) and on PostgreSQL
// (AuthStorePostgresTest).

#include "db/SqlDatabase.h"

#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <string>
#include <vector>

namespace motel::auth {

class AuthStoreSuite : public CppUnit::TestFixture {
public:
    void setUp() override;
    void tearDown() override;

    void simultaneousBootstrapsCreateOneAdmin();
    void bootstrapLeavesAPopulatedTableAlone();
    void simultaneousCreatesOfOneEmailMakeOneUser();
    void eventsFollowOnlyCommittedChanges();
    void authenticatorFollowsTheStoredUser();
    void cachedAuthenticatorFollowsThisHostsChangesAtOnce();
    void cachedUserExpiresForChangesMadeElsewhere();
    void loginFailuresLookAlike();
    void passwordChangeRevokesEarlierTokens();
    void auditTrailIsStoredAndFiltered();
    void loginOutcomesAreStoredInTheAuditTrail();
    void retentionDeletesOnlyOldEntries();
    void userCommandManagesAccounts();
    void userCommandRefusesBadInput();
    void logoutRevokesOneTokenOnEveryHost();
    void sessionEndingChangesReachEveryHost();
    void ownPasswordChangeChecksTheCurrentOne();
    void deletedUserIsGoneButKeepsItsId();

protected:
    /// A URL of an empty database no other test uses.
    virtual std::string freshDatabaseUrl() = 0;
    /// Another pool on the same database: a second host.
    std::unique_ptr<host::SqlDatabase> open(const std::string& url);

    std::string url_;
    std::unique_ptr<host::SqlDatabase> database_;
    std::vector<std::string> scratchDirs_;
};

} // namespace motel::auth

#define MOTEL_AUTH_STORE_TESTS                                                                                         \
    CPPUNIT_TEST(simultaneousBootstrapsCreateOneAdmin);                                                                \
    CPPUNIT_TEST(bootstrapLeavesAPopulatedTableAlone);                                                                 \
    CPPUNIT_TEST(simultaneousCreatesOfOneEmailMakeOneUser);                                                            \
    CPPUNIT_TEST(eventsFollowOnlyCommittedChanges);                                                                    \
    CPPUNIT_TEST(authenticatorFollowsTheStoredUser);                                                                   \
    CPPUNIT_TEST(cachedAuthenticatorFollowsThisHostsChangesAtOnce);                                                    \
    CPPUNIT_TEST(cachedUserExpiresForChangesMadeElsewhere);                                                            \
    CPPUNIT_TEST(loginFailuresLookAlike);                                                                              \
    CPPUNIT_TEST(passwordChangeRevokesEarlierTokens);                                                                  \
    CPPUNIT_TEST(auditTrailIsStoredAndFiltered);                                                                       \
    CPPUNIT_TEST(loginOutcomesAreStoredInTheAuditTrail);                                                               \
    CPPUNIT_TEST(retentionDeletesOnlyOldEntries);                                                                      \
    CPPUNIT_TEST(userCommandManagesAccounts);                                                                          \
    CPPUNIT_TEST(userCommandRefusesBadInput);                                                                          \
    CPPUNIT_TEST(logoutRevokesOneTokenOnEveryHost);                                                                    \
    CPPUNIT_TEST(sessionEndingChangesReachEveryHost);                                                                  \
    CPPUNIT_TEST(ownPasswordChangeChecksTheCurrentOne);                                                                \
    CPPUNIT_TEST(deletedUserIsGoneButKeepsItsId)
