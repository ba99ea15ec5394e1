// AuditLog: lines carry who/what/where and cannot be forged by client input.
#include "AuditLog.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::auth::Actor;
using motel::auth::AuditLog;

class AuditLogTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AuditLogTest);
    CPPUNIT_TEST(lineNamesActionActorTargetAndAddress);
    CPPUNIT_TEST(anonymousActorAndMissingTargetAreDashes);
    CPPUNIT_TEST(clientValuesCannotBreakTheLine);
    CPPUNIT_TEST_SUITE_END();

public:
    void lineNamesActionActorTargetAndAddress() {
        const std::string line =
            AuditLog::format("user.update", Actor{1, "10.0.0.7", "req-9"}, 42, {{"fields", "role,active"}});
        CPPUNIT_ASSERT_EQUAL(
            std::string(
                R"(audit action=user.update actor=1 target=42 ip="10.0.0.7" requestId="req-9" fields="role,active")"),
            line);
    }

    void anonymousActorAndMissingTargetAreDashes() {
        const std::string line = AuditLog::format("login.failure", Actor{std::nullopt, "::1", ""}, std::nullopt,
                                                  {{"email", "who@motel.test"}});
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"(audit action=login.failure actor=- target=- ip="::1" email="who@motel.test")"), line);
    }

    void clientValuesCannotBreakTheLine() {
        const std::string line = AuditLog::format("login.failure", Actor{std::nullopt, "1.2.3.4", ""}, std::nullopt,
                                                  {{"email", "x\"@y\naudit action=login.success actor=1"}});
        CPPUNIT_ASSERT_EQUAL(std::string::npos, line.find('\n'));
        CPPUNIT_ASSERT(line.find(R"(email="x\"@y\x0aaudit)") != std::string::npos);
        CPPUNIT_ASSERT(AuditLog::quote(std::string(1000, 'a')).size() < 210);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuditLogTest);
