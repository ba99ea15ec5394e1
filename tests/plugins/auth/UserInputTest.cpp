// UserInput: the 400s a client gets for bad user and login bodies.
#include "UserInput.h"
#include "support/ValidationProblems.h"

#include <motel/sdk/Errors.h>

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

using motel::auth::UserInput;
using motel::test::contains;
using motel::test::problemsOf;

namespace {

Poco::JSON::Object::Ptr json(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

} // namespace

class UserInputTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UserInputTest);
    CPPUNIT_TEST(validNewUserDefaultsToStaff);
    CPPUNIT_TEST(newUserReportsEveryProblem);
    CPPUNIT_TEST(newUserRefusesUnknownProperties);
    CPPUNIT_TEST(passwordLengthCountsCharactersNotBytes);
    CPPUNIT_TEST(changesKeepOnlySentFields);
    CPPUNIT_TEST(changesRefuseNullsAndBadTypes);
    CPPUNIT_TEST(credentialsNeedEmailAndPassword);
    CPPUNIT_TEST(emailShapes);
    CPPUNIT_TEST(normalisedEmailIsLowerCaseAndTrimmed);
    CPPUNIT_TEST(passwordChangeNamesItsFields);
    CPPUNIT_TEST_SUITE_END();

public:
    void validNewUserDefaultsToStaff() {
        const auto user = UserInput::parseNewUser(
            json(R"({"email":" Ann@Motel.Test ","name":" Ann ","password":"long enough password"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("Ann@Motel.Test"), user.email);
        CPPUNIT_ASSERT_EQUAL(std::string("Ann"), user.name);
        CPPUNIT_ASSERT_EQUAL(std::string("long enough password"), user.password);
        CPPUNIT_ASSERT_EQUAL(std::string("staff"), user.role);
        const auto manager = UserInput::parseNewUser(
            json(R"({"email":"m@motel.test","name":"M","password":"long enough password","role":"manager"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("manager"), manager.role);
    }

    void newUserReportsEveryProblem() {
        const auto problems = problemsOf([] {
            UserInput::parseNewUser(json(R"({"email":"not-an-email","name":"  ","password":"short","role":"owner"})"));
        });
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), problems.size());
        CPPUNIT_ASSERT(contains(problems, "email must be an email"));
        CPPUNIT_ASSERT(contains(problems, "name must not be empty"));
        CPPUNIT_ASSERT(contains(problems, "password must be longer than or equal to 12 characters"));
        CPPUNIT_ASSERT(contains(problems, "role must be one of the following values: admin, manager, staff"));

        const auto missing = problemsOf([] { UserInput::parseNewUser(json("{}")); });
        CPPUNIT_ASSERT(contains(missing, "email must not be empty"));
        CPPUNIT_ASSERT(contains(missing, "name must not be empty"));
        CPPUNIT_ASSERT(contains(missing, "password must not be empty"));
    }

    void newUserRefusesUnknownProperties() {
        const auto problems = problemsOf([] {
            UserInput::parseNewUser(json(
                R"({"email":"a@motel.test","name":"A","password":"long enough password","passwordHash":"x","id":3})"));
        });
        CPPUNIT_ASSERT(contains(problems, "property passwordHash should not exist"));
        CPPUNIT_ASSERT(contains(problems, "property id should not exist"));
    }

    void passwordLengthCountsCharactersNotBytes() {
        // Seven two-byte characters are 14 bytes but still too short.
        CPPUNIT_ASSERT_EQUAL(std::size_t(7),
                             UserInput::characterCount("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"));
        const auto problems = problemsOf([] {
            UserInput::parseNewUser(
                json(R"({"email":"a@motel.test","name":"A","password":"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"})"));
        });
        CPPUNIT_ASSERT(contains(problems, "password must be longer than or equal to 12 characters"));
    }

    void changesKeepOnlySentFields() {
        const auto changes = UserInput::parseChanges(json(R"({"role":"manager","active":false})"));
        CPPUNIT_ASSERT(!changes.email && !changes.name && !changes.password);
        CPPUNIT_ASSERT_EQUAL(std::string("manager"), *changes.role);
        CPPUNIT_ASSERT_EQUAL(false, *changes.active);
        const auto empty = UserInput::parseChanges(json("{}"));
        CPPUNIT_ASSERT(!empty.email && !empty.name && !empty.password && !empty.role && !empty.active);
    }

    void changesRefuseNullsAndBadTypes() {
        const auto problems = problemsOf(
            [] { UserInput::parseChanges(json(R"({"name":null,"active":"yes","email":"x@","createdAt":"now"})")); });
        CPPUNIT_ASSERT(contains(problems, "name must not be null"));
        CPPUNIT_ASSERT(contains(problems, "active must be a boolean value"));
        CPPUNIT_ASSERT(contains(problems, "email must be an email"));
        CPPUNIT_ASSERT(contains(problems, "property createdAt should not exist"));
    }

    void credentialsNeedEmailAndPassword() {
        const auto credentials = UserInput::parseCredentials(json(R"({"email":" a@motel.test","password":"pw"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("a@motel.test"), credentials.email);
        CPPUNIT_ASSERT_EQUAL(std::string("pw"), credentials.password);
        const auto problems = problemsOf([] { UserInput::parseCredentials(json(R"({"email":5,"extra":1})")); });
        CPPUNIT_ASSERT(contains(problems, "email must be a string"));
        CPPUNIT_ASSERT(contains(problems, "password must not be empty"));
        CPPUNIT_ASSERT(contains(problems, "property extra should not exist"));
    }

    void emailShapes() {
        for (const char* good : {"a@motel.test", "first.last+tag@sub.example.co", "A_B-c@x-y.io"})
            CPPUNIT_ASSERT_MESSAGE(good, UserInput::isEmail(good));
        for (const char* bad :
             {"", "plain", "@motel.test", "a@", "a@b", "a@@b.test", "a b@motel.test", "a@motel..test", "a@-motel.test",
              "a@motel.t", "a@motel.123", ".a@motel.test", "a..b@motel.test", "a@motel.test\n"})
            CPPUNIT_ASSERT_MESSAGE(bad, !UserInput::isEmail(bad));
    }

    void normalisedEmailIsLowerCaseAndTrimmed() {
        CPPUNIT_ASSERT_EQUAL(std::string("ann@motel.test"), UserInput::normalisedEmail("  Ann@MOTEL.test "));
    }

    void passwordChangeNamesItsFields() {
        const auto change = UserInput::parsePasswordChange(
            json(R"({"currentPassword":"old one","newPassword":"a brand new password"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("old one"), change.currentPassword);
        CPPUNIT_ASSERT_EQUAL(std::string("a brand new password"), change.newPassword);
        const auto problems = problemsOf([] {
            UserInput::parsePasswordChange(json(R"({"currentPassword":"","newPassword":"short","password":"x"})"));
        });
        CPPUNIT_ASSERT(contains(problems, "currentPassword must not be empty"));
        CPPUNIT_ASSERT(contains(problems, "newPassword must be longer than or equal to 12 characters"));
        CPPUNIT_ASSERT(contains(problems, "property password should not exist"));
        CPPUNIT_ASSERT_THROW(UserInput::parseLogout(json(R"({"all":true})")), motel::sdk::ValidationError);
        UserInput::parseLogout(json("{}"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UserInputTest);
