#include <motel/sdk/testing/Callers.h>
#include <motel/plugins/auth/Roles.h>
#include "SuiteRules.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::Conflict;
using motel::sdk::Forbidden;
using motel::sdk::Principal;
using motel::suites::Suite;
using motel::suites::SuiteChange;
using motel::suites::SuiteRules;

namespace {
Suite aSuite(const std::string& occupancy, const std::string& condition,
             const std::string& serviceState = "in_service") {
    Suite s;
    s.id = 1;
    s.number = "101";
    s.occupancy = occupancy;
    s.condition = condition;
    s.serviceState = serviceState;
    return s;
}
Principal person(const std::string& role) {
    // As the auth plugin's authenticator vouches for it: with its grants.
    return motel::sdk::testing::caller(7, "x@motel.test", "X", role, motel::plugins::auth::grantsOf(role));
}
} // namespace

class SuiteRulesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SuiteRulesTest);
    CPPUNIT_TEST(checkOutMakesDirtyAndWinsOverCondition);
    CPPUNIT_TEST(vacantStayingVacantIsNoCheckOut);
    CPPUNIT_TEST(checkInNeedsInService);
    CPPUNIT_TEST(checkInWithServiceStateRestoredInSamePatch);
    CPPUNIT_TEST(inspectedOnlyAfterClean);
    CPPUNIT_TEST(staffMayOnlySetConditionDirtyOrClean);
    CPPUNIT_TEST(managersMayChangeAnything);
    CPPUNIT_TEST_SUITE_END();

public:
    void checkOutMakesDirtyAndWinsOverCondition() {
        SuiteChange change;
        change.occupancy = "vacant";
        change.condition = "inspected";
        const auto resolved = SuiteRules::resolve(aSuite("occupied", "clean"), change);
        CPPUNIT_ASSERT(resolved.checkedOut);
        CPPUNIT_ASSERT_EQUAL(std::string("dirty"), resolved.next.condition);
        CPPUNIT_ASSERT_EQUAL(std::string("vacant"), resolved.next.occupancy);
        SuiteRules::checkTransition(aSuite("occupied", "clean"), change, resolved); // no 409: check-out wins
    }

    void vacantStayingVacantIsNoCheckOut() {
        SuiteChange change;
        change.occupancy = "vacant";
        const auto resolved = SuiteRules::resolve(aSuite("vacant", "clean"), change);
        CPPUNIT_ASSERT(!resolved.checkedOut);
        CPPUNIT_ASSERT_EQUAL(std::string("clean"), resolved.next.condition);
    }

    void checkInNeedsInService() {
        SuiteChange change;
        change.occupancy = "occupied";
        for (const char* state : {"out_of_order", "out_of_service"}) {
            const Suite current = aSuite("vacant", "clean", state);
            CPPUNIT_ASSERT_THROW(SuiteRules::checkTransition(current, change, SuiteRules::resolve(current, change)),
                                 Conflict);
        }
        const Suite ok = aSuite("vacant", "clean");
        SuiteRules::checkTransition(ok, change, SuiteRules::resolve(ok, change));
    }

    void checkInWithServiceStateRestoredInSamePatch() {
        SuiteChange change;
        change.occupancy = "occupied";
        change.serviceState = "in_service";
        const Suite current = aSuite("vacant", "clean", "out_of_order");
        SuiteRules::checkTransition(current, change, SuiteRules::resolve(current, change));
    }

    void inspectedOnlyAfterClean() {
        SuiteChange change;
        change.condition = "inspected";
        const Suite dirty = aSuite("vacant", "dirty");
        CPPUNIT_ASSERT_THROW(SuiteRules::checkTransition(dirty, change, SuiteRules::resolve(dirty, change)), Conflict);
        const Suite clean = aSuite("vacant", "clean");
        SuiteRules::checkTransition(clean, change, SuiteRules::resolve(clean, change));
    }

    void staffMayOnlySetConditionDirtyOrClean() {
        SuiteChange dirty;
        dirty.condition = "dirty";
        SuiteRules::checkPermission(dirty, person("staff"));
        SuiteChange inspected;
        inspected.condition = "inspected";
        CPPUNIT_ASSERT_THROW(SuiteRules::checkPermission(inspected, person("staff")), Forbidden);
        SuiteChange notes;
        notes.condition = "clean";
        notes.notes = std::optional<std::string>("hello");
        CPPUNIT_ASSERT_THROW(SuiteRules::checkPermission(notes, person("staff")), Forbidden);
        SuiteChange occupancy;
        occupancy.occupancy = "vacant";
        CPPUNIT_ASSERT_THROW(SuiteRules::checkPermission(occupancy, person("staff")), Forbidden);
    }

    void managersMayChangeAnything() {
        SuiteChange change;
        change.number = "999";
        change.condition = "inspected";
        SuiteRules::checkPermission(change, person("manager"));
        SuiteRules::checkPermission(change, person("admin"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SuiteRulesTest);
