#pragma once
// What tasks do to suites, in the same transaction: cleaning, inspections,
// blocking maintenance; the concurrent-complete race; the domain metrics;
// the demo seed; and the OpenAPI document against the routes served.

#include "DomainFixture.h"

namespace motel::test {

class TaskEffectScenarios : public DomainFixture {
public:
    void completingCleaningMakesADirtySuiteClean();
    void requireInspectionAsksForAnInspection();
    void inspectionPassAndFail();
    void blockingMaintenanceTakesTheSuiteOutOfOrder();
    void aBlockedSuiteReturnsToItsEarlierServiceState();
    void aManagersServiceStateOutlivesTheBlock();
    void concurrentCompletesOneWinsOneConflicts();
    void metricsFollowEveryChange();
    void seedBuildsADemoMotelOnce();
    void everyDocumentedOperationIsServed();
};

} // namespace motel::test

#define MOTEL_TASK_EFFECT_TESTS                                                                                        \
    CPPUNIT_TEST(completingCleaningMakesADirtySuiteClean);                                                             \
    CPPUNIT_TEST(requireInspectionAsksForAnInspection);                                                                \
    CPPUNIT_TEST(inspectionPassAndFail);                                                                               \
    CPPUNIT_TEST(blockingMaintenanceTakesTheSuiteOutOfOrder);                                                          \
    CPPUNIT_TEST(aBlockedSuiteReturnsToItsEarlierServiceState);                                                        \
    CPPUNIT_TEST(aManagersServiceStateOutlivesTheBlock);                                                               \
    CPPUNIT_TEST(concurrentCompletesOneWinsOneConflicts);                                                              \
    CPPUNIT_TEST(metricsFollowEveryChange);                                                                            \
    CPPUNIT_TEST(seedBuildsADemoMotelOnce);                                                                            \
    CPPUNIT_TEST(everyDocumentedOperationIsServed)
