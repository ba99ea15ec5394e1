// SessionRevoker: which sockets each revocation event ends.
#include "application/SessionRevoker.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::realtime {

class SessionRevokerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SessionRevokerTest);
    CPPUNIT_TEST(userEventsEndTheUsersSockets);
    CPPUNIT_TEST(logoutEndsTheTokensSockets);
    CPPUNIT_TEST(otherTopicsAndBadPayloadsEndNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void userEventsEndTheUsersSockets() {
        Poco::JSON::Object::Ptr user = new Poco::JSON::Object;
        user->set("id", 12);
        for (const char* topic : {"user.deactivated", "user.deleted", "user.roleChanged", "user.passwordChanged"})
            CPPUNIT_ASSERT_EQUAL(std::string("user:12"), *SessionRevoker::roomFor(topic, user));
    }

    void logoutEndsTheTokensSockets() {
        Poco::JSON::Object::Ptr token = new Poco::JSON::Object;
        token->set("userId", 12);
        token->set("tokenId", std::string("AbC-123_x"));
        CPPUNIT_ASSERT_EQUAL(std::string("token:AbC-123_x"), *SessionRevoker::roomFor("token.revoked", token));
    }

    void otherTopicsAndBadPayloadsEndNothing() {
        Poco::JSON::Object::Ptr user = new Poco::JSON::Object;
        user->set("id", 12);
        CPPUNIT_ASSERT(!SessionRevoker::roomFor("user.updated", user));
        CPPUNIT_ASSERT(!SessionRevoker::roomFor("user.created", user));
        CPPUNIT_ASSERT(!SessionRevoker::roomFor("user.deleted", Poco::Dynamic::Var()));
        Poco::JSON::Object::Ptr odd = new Poco::JSON::Object;
        odd->set("id", std::string("12"));
        CPPUNIT_ASSERT(!SessionRevoker::roomFor("user.deleted", odd));
        CPPUNIT_ASSERT(!SessionRevoker::roomFor("token.revoked", user)); // no tokenId
        odd->set("tokenId", std::string());
        CPPUNIT_ASSERT(!SessionRevoker::roomFor("token.revoked", odd));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SessionRevokerTest);

} // namespace motel::realtime
