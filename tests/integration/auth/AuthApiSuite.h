#pragma once
// The auth plugin against a real host (plugins health,auth): login, tokens,
// users CRUD and roles, deactivation, secret rotation, the production secret
// policy, login throttling, the first-admin bootstrap and demo seeding.
// One scenario list, run on SQLite (AuthSqliteTest) and on PostgreSQL
// (AuthPostgresTest): a subclass only says where a fresh database lives.

#include "support/HostProcess.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <string>

namespace motel::test {

class AuthApiSuite : public CppUnit::TestFixture {
public:
    void tearDown() override;

    void loginAnswersTokenAndUser();
    void wrongPasswordUnknownEmailAndInactiveAnswerAlike();
    void missingOrInvalidTokensAre401();
    void meReturnsTheCaller();
    void usersCrudAsAdmin();
    void listIsPagedAndOrderedById();
    void rolesLimitWhoMayManageUsers();
    void duplicateEmailIsConflictWhateverItsCase();
    void invalidBodiesAndIdsAre400Or404();
    void deactivationEndsExistingSessions();
    void roleChangeTakesEffectAtOnce();
    void lastActiveAdminCannotBeRemoved();
    void secretChangeAndRestartInvalidatesTokens();
    void productionRefusesWeakSecrets();
    void failedLoginsAreThrottledPerAddressAndEmail();
    void firstAdminIsCreatedOnceAcrossRestarts();
    void twoHostsBootstrappingAtOnceCreateOneAdmin();
    void seedAddsDemoUsersOnce();
    void logoutRevokesOnlyThatToken();
    void ownPasswordChange();
    void wrongCurrentPasswordCountsAsFailedLogin();
    void futureIssuedAtOrNotBeforeIs401();
    void sprayingFromOneAddressIsThrottled();
    void concurrentLoginsDoNotStallTheApi();

protected:
    /// A URL of an empty database no other test uses (`sqlite:/...` or `postgresql://...`).
    virtual std::string freshDatabaseUrl() = 0;

    static constexpr const char* kSecret = "auth-integration-secret-auth-integration-secret-auth-integration-0001";
    static constexpr const char* kAdminEmail = "Root@Motel.Test";
    static constexpr const char* kAdminPassword = "root-password-1";

    /// health,auth with the first admin from the environment and kSecret.
    HostOptions options(const std::string& databaseUrl);
    std::unique_ptr<HostProcess> startHost(const HostOptions& options);
    std::unique_ptr<HostProcess> startHost() { return startHost(options(freshDatabaseUrl())); }

    static std::string login(const HostProcess& host, const std::string& email, const std::string& password);
    static Poco::JSON::Object::Ptr object(const HttpResult& result);
    /// Creates a user as `adminToken`; returns its id.
    static std::int64_t createUser(const HostProcess& host, const std::string& adminToken, const std::string& email,
                                   const std::string& role, const std::string& password = "user-password-1");
    static std::string usersBody(const std::string& email, const std::string& role, const std::string& password);

    /// Folders made by freshDatabaseUrl() implementations, removed in tearDown().
    std::vector<std::string> scratchDirs_;
};

} // namespace motel::test

/// The scenario list, for the CPPUNIT_TEST_SUITE of each database's fixture.
#define MOTEL_AUTH_API_TESTS                                                                                           \
    CPPUNIT_TEST(loginAnswersTokenAndUser);                                                                            \
    CPPUNIT_TEST(wrongPasswordUnknownEmailAndInactiveAnswerAlike);                                                     \
    CPPUNIT_TEST(missingOrInvalidTokensAre401);                                                                        \
    CPPUNIT_TEST(meReturnsTheCaller);                                                                                  \
    CPPUNIT_TEST(usersCrudAsAdmin);                                                                                    \
    CPPUNIT_TEST(listIsPagedAndOrderedById);                                                                           \
    CPPUNIT_TEST(rolesLimitWhoMayManageUsers);                                                                         \
    CPPUNIT_TEST(duplicateEmailIsConflictWhateverItsCase);                                                             \
    CPPUNIT_TEST(invalidBodiesAndIdsAre400Or404);                                                                      \
    CPPUNIT_TEST(deactivationEndsExistingSessions);                                                                    \
    CPPUNIT_TEST(roleChangeTakesEffectAtOnce);                                                                         \
    CPPUNIT_TEST(lastActiveAdminCannotBeRemoved);                                                                      \
    CPPUNIT_TEST(secretChangeAndRestartInvalidatesTokens);                                                             \
    CPPUNIT_TEST(productionRefusesWeakSecrets);                                                                        \
    CPPUNIT_TEST(failedLoginsAreThrottledPerAddressAndEmail);                                                          \
    CPPUNIT_TEST(firstAdminIsCreatedOnceAcrossRestarts);                                                               \
    CPPUNIT_TEST(twoHostsBootstrappingAtOnceCreateOneAdmin);                                                           \
    CPPUNIT_TEST(seedAddsDemoUsersOnce);                                                                               \
    CPPUNIT_TEST(logoutRevokesOnlyThatToken);                                                                          \
    CPPUNIT_TEST(ownPasswordChange);                                                                                   \
    CPPUNIT_TEST(wrongCurrentPasswordCountsAsFailedLogin);                                                             \
    CPPUNIT_TEST(futureIssuedAtOrNotBeforeIs401);                                                                      \
    CPPUNIT_TEST(sprayingFromOneAddressIsThrottled);                                                                   \
    CPPUNIT_TEST(concurrentLoginsDoNotStallTheApi)
