// User: the public JSON shape, which never carries the password hash.
#include "User.h"

#include <Poco/JSON/Stringifier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

using motel::auth::User;

class UserTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UserTest);
    CPPUNIT_TEST(jsonHasExactlyThePublicFields);
    CPPUNIT_TEST(principalCarriesIdentityAndRole);
    CPPUNIT_TEST_SUITE_END();

public:
    void jsonHasExactlyThePublicFields() {
        const std::string json = render(sample());
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"id":3,"email":"Ann@motel.test","name":"Ann","role":"manager",)"
                                         R"("active":false,"createdAt":"2026-01-01T09:30:00.000Z",)"
                                         R"("updatedAt":"2026-01-02T10:00:00.000Z"})"),
                             json);
        CPPUNIT_ASSERT_EQUAL(std::string::npos, json.find("argon2"));
    }

    void principalCarriesIdentityAndRole() {
        const auto principal = sample().toPrincipal();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), principal.id);
        CPPUNIT_ASSERT_EQUAL(std::string("Ann@motel.test"), principal.email);
        CPPUNIT_ASSERT_EQUAL(std::string("Ann"), principal.name);
        // A manager acts as manager and staff, never admin; admins act as all.
        CPPUNIT_ASSERT(principal.hasRole("manager"));
        CPPUNIT_ASSERT(principal.hasRole("staff"));
        CPPUNIT_ASSERT(!principal.hasRole("admin"));
        User admin = sample();
        admin.role = "admin";
        CPPUNIT_ASSERT(admin.toPrincipal().hasAnyRole({"manager"}));
        CPPUNIT_ASSERT(admin.toPrincipal().hasRole("staff"));
    }

private:
    static User sample() {
        User user;
        user.id = 3;
        user.email = "Ann@motel.test";
        user.name = "Ann";
        user.role = "manager";
        user.active = false;
        user.createdAt = "2026-01-01T09:30:00.000Z";
        user.updatedAt = "2026-01-02T10:00:00.000Z";
        user.passwordHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
        return user;
    }

    static std::string render(const User& user) {
        std::ostringstream out;
        Poco::JSON::Stringifier::stringify(user.toJson(), out);
        return out.str();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UserTest);
