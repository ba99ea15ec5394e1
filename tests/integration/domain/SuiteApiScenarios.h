#pragma once
// The suites API against a real host: fields and defaults, validation,
// filters/sorts/pages, the check-out and check-in rules, staff limits,
// If-Match and ETag, history, and deletion.

#include "DomainFixture.h"

namespace motel::test {

class SuiteApiScenarios : public DomainFixture {
public:
    void createReadDeleteWithDefaultsAndEtag();
    void invalidBodiesIdsAndDuplicates();
    void listFiltersSortsAndPages();
    void listsAnswerIfNoneMatchWith304UntilTheDataChanges();
    void checkOutMakesDirtyAndPutsACleaningTaskOnTheBoard();
    void checkInNeedsInServiceAndInspectedNeedsClean();
    void staffMayOnlyMarkDirtyOrClean();
    void ifMatchGuardsChanges();
    void historyKeepsEveryChangedField();
    void deleteRefusedWhileTasksAreOpen();
    void everyRouteNeedsAToken();
};

} // namespace motel::test

#define MOTEL_SUITE_API_TESTS                                                                                          \
    CPPUNIT_TEST(createReadDeleteWithDefaultsAndEtag);                                                                 \
    CPPUNIT_TEST(invalidBodiesIdsAndDuplicates);                                                                       \
    CPPUNIT_TEST(listFiltersSortsAndPages);                                                                            \
    CPPUNIT_TEST(listsAnswerIfNoneMatchWith304UntilTheDataChanges);                                                    \
    CPPUNIT_TEST(checkOutMakesDirtyAndPutsACleaningTaskOnTheBoard);                                                    \
    CPPUNIT_TEST(checkInNeedsInServiceAndInspectedNeedsClean);                                                         \
    CPPUNIT_TEST(staffMayOnlyMarkDirtyOrClean);                                                                        \
    CPPUNIT_TEST(ifMatchGuardsChanges);                                                                                \
    CPPUNIT_TEST(historyKeepsEveryChangedField);                                                                       \
    CPPUNIT_TEST(deleteRefusedWhileTasksAreOpen);                                                                      \
    CPPUNIT_TEST(everyRouteNeedsAToken)
