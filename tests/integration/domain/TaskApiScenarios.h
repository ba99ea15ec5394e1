#pragma once
// The tasks API against a real host: fields and defaults, validation,
// references (404), permissions, every transition and a sample of invalid
// ones, If-Match and ETag, filters/sorts/pages, PATCH and DELETE.

#include "DomainFixture.h"

namespace motel::test {

class TaskApiScenarios : public DomainFixture {
public:
    void createWithDefaultsAndEtag();
    void invalidBodiesAndUnknownReferences();
    void staffPermissions();
    void staffMayNotCreateInspectionsOrBlockingTasks();
    void everyTransitionAndItsTimestamps();
    void invalidTransitionsAre409AndChangeNothing();
    void ifMatchAndOrderOfChecks();
    void listFiltersSortsAndPages();
    void patchAndDeleteByManagers();
};

} // namespace motel::test

#define MOTEL_TASK_API_TESTS                                                                                           \
    CPPUNIT_TEST(createWithDefaultsAndEtag);                                                                           \
    CPPUNIT_TEST(invalidBodiesAndUnknownReferences);                                                                   \
    CPPUNIT_TEST(staffPermissions);                                                                                    \
    CPPUNIT_TEST(staffMayNotCreateInspectionsOrBlockingTasks);                                                         \
    CPPUNIT_TEST(everyTransitionAndItsTimestamps);                                                                     \
    CPPUNIT_TEST(invalidTransitionsAre409AndChangeNothing);                                                            \
    CPPUNIT_TEST(ifMatchAndOrderOfChecks);                                                                             \
    CPPUNIT_TEST(listFiltersSortsAndPages);                                                                            \
    CPPUNIT_TEST(patchAndDeleteByManagers)
