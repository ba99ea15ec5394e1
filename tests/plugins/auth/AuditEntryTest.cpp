// AuditEntry: what the host's `audit.request` event becomes, and the public JSON of a row.
#include "AuditEntry.h"

#include <Poco/JSON/Stringifier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

using motel::auth::AuditEntry;

namespace {

Poco::JSON::Object::Ptr requestEvent() {
    Poco::JSON::Object::Ptr event = new Poco::JSON::Object;
    event->set("actorId", Poco::Int64(7));
    event->set("action", std::string("PATCH /api/suites/:id"));
    event->set("entity", std::string("suites"));
    event->set("entityId", std::string("12"));
    event->set("status", 200);
    event->set("requestId", std::string("req-1"));
    event->set("clientAddress", std::string("10.0.0.7"));
    event->set("at", std::string("2026-01-01T09:30:00.000Z"));
    return event;
}

std::string render(const AuditEntry& entry) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(entry.toJson(), out);
    return out.str();
}

} // namespace

class AuditEntryTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AuditEntryTest);
    CPPUNIT_TEST(requestEventBecomesAnEntry);
    CPPUNIT_TEST(anonymousCallerHasNoActor);
    CPPUNIT_TEST(loginRouteIsLeftToTheLoginAudit);
    CPPUNIT_TEST(unreadablePayloadsAreIgnored);
    CPPUNIT_TEST(jsonHasExactlyThePublicFields);
    CPPUNIT_TEST_SUITE_END();

public:
    void requestEventBecomesAnEntry() {
        const auto entry = AuditEntry::fromRequestEvent(requestEvent());
        CPPUNIT_ASSERT(entry.has_value());
        CPPUNIT_ASSERT(entry->actorId == std::int64_t(7));
        CPPUNIT_ASSERT_EQUAL(std::string("PATCH /api/suites/:id"), entry->action);
        CPPUNIT_ASSERT_EQUAL(std::string("suites"), entry->entity);
        CPPUNIT_ASSERT_EQUAL(std::string("12"), entry->entityId);
        CPPUNIT_ASSERT(entry->status == std::int64_t(200));
        CPPUNIT_ASSERT_EQUAL(std::string("req-1"), entry->requestId);
        CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.7"), entry->clientAddress);
        CPPUNIT_ASSERT_EQUAL(std::string("2026-01-01T09:30:00.000Z"), entry->at);
        CPPUNIT_ASSERT(!entry->detail.has_value());
    }

    void anonymousCallerHasNoActor() {
        auto event = requestEvent();
        event->set("actorId", Poco::Dynamic::Var());
        event->set("at", std::string("2026-01-01T10:30:00+01:00")); // normalised to UTC with milliseconds
        const auto entry = AuditEntry::fromRequestEvent(event);
        CPPUNIT_ASSERT(entry.has_value());
        CPPUNIT_ASSERT(!entry->actorId.has_value());
        CPPUNIT_ASSERT_EQUAL(std::string("2026-01-01T09:30:00.000Z"), entry->at);
    }

    void loginRouteIsLeftToTheLoginAudit() {
        auto event = requestEvent();
        event->set("action", std::string(AuditEntry::kLoginRouteAction));
        CPPUNIT_ASSERT(!AuditEntry::fromRequestEvent(event).has_value());
    }

    void unreadablePayloadsAreIgnored() {
        CPPUNIT_ASSERT(!AuditEntry::fromRequestEvent(Poco::Dynamic::Var()).has_value());
        CPPUNIT_ASSERT(!AuditEntry::fromRequestEvent(Poco::Dynamic::Var(std::string("text"))).has_value());
        CPPUNIT_ASSERT(!AuditEntry::fromRequestEvent(Poco::JSON::Object::Ptr()).has_value());
        CPPUNIT_ASSERT(!AuditEntry::fromRequestEvent(Poco::JSON::Object::Ptr(new Poco::JSON::Object)).has_value());
        auto noTime = requestEvent();
        noTime->remove("at");
        const auto entry = AuditEntry::fromRequestEvent(noTime);
        CPPUNIT_ASSERT(entry.has_value());
        CPPUNIT_ASSERT_EQUAL(std::size_t(24), entry->at.size()); // now, in the contract's form
    }

    void jsonHasExactlyThePublicFields() {
        AuditEntry entry;
        entry.id = 5;
        entry.at = "2026-01-01T09:30:00.000Z";
        entry.action = "login.failure";
        entry.entity = "auth";
        entry.status = 401;
        entry.clientAddress = "::1";
        entry.requestId = "r-2";
        entry.detail = "who@motel.test";
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"id":5,"at":"2026-01-01T09:30:00.000Z","actorId":null,)"
                                         R"("action":"login.failure","entity":"auth","entityId":"","status":401,)"
                                         R"("clientAddress":"::1","requestId":"r-2","detail":"who@motel.test"})"),
                             render(entry));
        entry.detail.reset();
        entry.status.reset();
        entry.actorId = 3;
        const std::string json = render(entry);
        CPPUNIT_ASSERT(json.find(R"("actorId":3,)") != std::string::npos);
        CPPUNIT_ASSERT(json.find(R"("status":null,)") != std::string::npos);
        CPPUNIT_ASSERT(json.find(R"("detail":null})") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuditEntryTest);
