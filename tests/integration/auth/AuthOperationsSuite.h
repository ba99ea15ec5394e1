#pragma once
// The auth plugin's operations side against a real host: the audit trail in
// the database (`GET /api/audit`), token revocation by a password change,
// and the operator command `motel-host user ...` for recovering an account
// without SQL. Extends AuthApiSuite (its helpers and first admin); the
// per-database fixtures (AuthSqliteTest, AuthPostgresTest) run both lists.

#include "AuthApiSuite.h"

#include <cstdint>
#include <string>
#include <vector>

namespace motel::test {

class AuthOperationsSuite : public AuthApiSuite {
public:
    void auditTrailRecordsMutationsAndLogins();
    void auditListFiltersSortsAndRefusesNonAdmins();
    void passwordChangeRevokesEarlierTokens();
    void userCommandRecoversAccountsWithoutSql();

protected:
    /// `motel-host --config=<for options> <args>` with `input` on its standard
    /// input; returns the exit code and fills `output` with stdout+stderr.
    int runHostCommand(const HostOptions& options, const std::vector<std::string>& args, const std::string& input,
                       std::string& output);
    /// GET /api/audit<query> as `token` until it lists at least `minimum`
    /// entries (the trail is written off the request thread) or 10 s pass.
    static Poco::JSON::Object::Ptr waitForAudit(const HostProcess& host, const std::string& token,
                                                const std::string& query, std::size_t minimum);
};

} // namespace motel::test

#define MOTEL_AUTH_OPERATIONS_TESTS                                                                                    \
    CPPUNIT_TEST(auditTrailRecordsMutationsAndLogins);                                                                 \
    CPPUNIT_TEST(auditListFiltersSortsAndRefusesNonAdmins);                                                            \
    CPPUNIT_TEST(passwordChangeRevokesEarlierTokens);                                                                  \
    CPPUNIT_TEST(userCommandRecoversAccountsWithoutSql)
