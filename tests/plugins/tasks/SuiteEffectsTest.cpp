#include "SuiteEffects.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::plugins::suites::Suite;
using motel::tasks::SuiteEffects;
using motel::tasks::Task;

namespace {
Task blocker(const std::string& status, std::optional<std::int64_t> suiteId = 4) {
    Task task;
    task.id = 1;
    task.type = "maintenance";
    task.blocksSuite = true;
    task.suiteId = suiteId;
    task.status = status;
    return task;
}
Suite suiteIn(const std::string& condition) {
    Suite suite;
    suite.id = 4;
    suite.number = "104";
    suite.condition = condition;
    return suite;
}
Task ofType(const std::string& type, std::optional<std::string> outcome = std::nullopt) {
    Task task;
    task.id = 2;
    task.type = type;
    task.suiteId = 4;
    task.status = "completed";
    task.outcome = outcome;
    return task;
}
} // namespace

class SuiteEffectsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SuiteEffectsTest);
    CPPUNIT_TEST(openBlockerBlocksItsSuite);
    CPPUNIT_TEST(onlyABlockingCreationChangesSuites);
    CPPUNIT_TEST(closingReopeningDeletingAndMovingBlockers);
    CPPUNIT_TEST(releaseRestoresTheStateBeforeTheBlock);
    CPPUNIT_TEST(cleaningMakesADirtySuiteClean);
    CPPUNIT_TEST(inspectionPassAndFail);
    CPPUNIT_TEST(followUpsForInspectionAndReclean);
    CPPUNIT_TEST_SUITE_END();

public:
    void onlyABlockingCreationChangesSuites();

    void openBlockerBlocksItsSuite() {
        CPPUNIT_ASSERT(SuiteEffects::suitesToBlock(std::nullopt, blocker("pending")) == std::vector<std::int64_t>{4});
        CPPUNIT_ASSERT(SuiteEffects::suitesToBlock(blocker("pending"), blocker("in_progress")).empty());
        Task plain = blocker("pending");
        plain.blocksSuite = false;
        CPPUNIT_ASSERT(SuiteEffects::suitesToBlock(std::nullopt, plain).empty());
    }

    void releaseRestoresTheStateBeforeTheBlock() {
        Suite suite = suiteIn("clean");
        CPPUNIT_ASSERT(SuiteEffects::blockChange(suite).serviceState == std::optional<std::string>("out_of_order"));
        suite.serviceState = "out_of_order";
        CPPUNIT_ASSERT(SuiteEffects::blockChange(suite).empty());
        CPPUNIT_ASSERT(SuiteEffects::releaseChange(suite, "out_of_service").serviceState ==
                       std::optional<std::string>("out_of_service"));
        CPPUNIT_ASSERT(SuiteEffects::releaseChange(suite, "in_service").serviceState ==
                       std::optional<std::string>("in_service"));
        CPPUNIT_ASSERT(SuiteEffects::releaseChange(suite, "out_of_order").empty());
        suite.serviceState = "out_of_service"; // not out of order any more: nothing to give back
        CPPUNIT_ASSERT(SuiteEffects::releaseChange(suite, "in_service").empty());
    }

    void closingReopeningDeletingAndMovingBlockers() {
        CPPUNIT_ASSERT(SuiteEffects::suitesToRelease(blocker("in_progress"), blocker("completed")) ==
                       std::vector<std::int64_t>{4});
        CPPUNIT_ASSERT(SuiteEffects::suitesToRelease(blocker("pending"), blocker("cancelled")) ==
                       std::vector<std::int64_t>{4});
        CPPUNIT_ASSERT(SuiteEffects::suitesToBlock(blocker("completed"), blocker("pending")) ==
                       std::vector<std::int64_t>{4});
        CPPUNIT_ASSERT(SuiteEffects::suitesToRelease(blocker("pending"), std::nullopt) == std::vector<std::int64_t>{4});
        CPPUNIT_ASSERT(SuiteEffects::suitesToRelease(blocker("cancelled"), std::nullopt).empty());
        CPPUNIT_ASSERT(SuiteEffects::suitesToRelease(blocker("pending", 4), blocker("pending", 5)) ==
                       std::vector<std::int64_t>{4});
        CPPUNIT_ASSERT(SuiteEffects::suitesToBlock(blocker("pending", 4), blocker("pending", 5)) ==
                       std::vector<std::int64_t>{5});
    }

    void cleaningMakesADirtySuiteClean() {
        CPPUNIT_ASSERT_EQUAL(std::string("clean"),
                             *SuiteEffects::completionChange(ofType("cleaning"), suiteIn("dirty")).condition);
        CPPUNIT_ASSERT(SuiteEffects::completionChange(ofType("cleaning"), suiteIn("inspected")).empty());
        CPPUNIT_ASSERT(SuiteEffects::completionChange(ofType("maintenance"), suiteIn("dirty")).empty());
    }

    void inspectionPassAndFail() {
        CPPUNIT_ASSERT_EQUAL(std::string("inspected"),
                             *SuiteEffects::completionChange(ofType("inspection", "pass"), suiteIn("clean")).condition);
        CPPUNIT_ASSERT(SuiteEffects::completionChange(ofType("inspection", "pass"), suiteIn("dirty")).empty());
        CPPUNIT_ASSERT_EQUAL(std::string("dirty"),
                             *SuiteEffects::completionChange(ofType("inspection", "fail"), suiteIn("clean")).condition);
        CPPUNIT_ASSERT(SuiteEffects::completionChange(ofType("inspection", "fail"), suiteIn("dirty")).empty());
    }

    void followUpsForInspectionAndReclean() {
        const auto inspections = SuiteEffects::followUps(ofType("cleaning"), suiteIn("dirty"), suiteIn("clean"), true);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), inspections.size());
        CPPUNIT_ASSERT_EQUAL(std::string("inspection"), inspections[0].type);
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), inspections[0].status);
        CPPUNIT_ASSERT(SuiteEffects::followUps(ofType("cleaning"), suiteIn("dirty"), suiteIn("clean"), false).empty());

        // A failed inspection asks for a re-clean even when the suite was already dirty.
        const auto reclean =
            SuiteEffects::followUps(ofType("inspection", "fail"), suiteIn("dirty"), suiteIn("dirty"), false);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), reclean.size());
        CPPUNIT_ASSERT_EQUAL(std::string("cleaning"), reclean[0].type);
        CPPUNIT_ASSERT_EQUAL(std::string("high"), reclean[0].priority);
        CPPUNIT_ASSERT_EQUAL(std::string("Clean suite 104"), reclean[0].title);
        CPPUNIT_ASSERT(!reclean[0].assigneeId);
    }
};

void SuiteEffectsTest::onlyABlockingCreationChangesSuites() {
    // TaskService::create sends a creation without these as a single INSERT.
    CPPUNIT_ASSERT(SuiteEffects::changesSuitesOnCreation(blocker("pending")));
    CPPUNIT_ASSERT(!SuiteEffects::changesSuitesOnCreation(blocker("pending", std::nullopt)));
    Task plain = blocker("pending");
    plain.blocksSuite = false;
    CPPUNIT_ASSERT(!SuiteEffects::changesSuitesOnCreation(plain));
    for (const char* type : {"cleaning", "inspection", "maintenance", "other"}) {
        plain.type = type;
        CPPUNIT_ASSERT(!SuiteEffects::changesSuitesOnCreation(plain));
    }
}

CPPUNIT_TEST_SUITE_REGISTRATION(SuiteEffectsTest);
