#include "plugins/DependencyOrder.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::DependencyError;
using motel::host::DependencyOrder;

class DependencyOrderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DependencyOrderTest);
    CPPUNIT_TEST(dependenciesComeFirst);
    CPPUNIT_TEST(independentPluginsKeepConfiguredOrder);
    CPPUNIT_TEST(missingDependencyNamesBoth);
    CPPUNIT_TEST(cycleIsNamedInFull);
    CPPUNIT_TEST_SUITE_END();

public:
    void dependenciesComeFirst() {
        auto order = DependencyOrder::resolve({"tasks", "suites", "auth"},
                                              {{"tasks", {"suites", "auth"}}, {"suites", {"auth"}}, {"auth", {}}});
        CPPUNIT_ASSERT((order == std::vector<std::string>{"auth", "suites", "tasks"}));
    }

    void independentPluginsKeepConfiguredOrder() {
        auto order = DependencyOrder::resolve({"metrics", "health"}, {{"metrics", {}}, {"health", {}}});
        CPPUNIT_ASSERT((order == std::vector<std::string>{"metrics", "health"}));
    }

    void missingDependencyNamesBoth() {
        try {
            DependencyOrder::resolve({"tasks"}, {{"tasks", {"suites"}}});
            CPPUNIT_FAIL("expected DependencyError");
        } catch (const DependencyError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("plugin 'tasks' depends on 'suites', which is not in plugins.load"),
                                 std::string(e.what()));
        }
    }

    void cycleIsNamedInFull() {
        try {
            DependencyOrder::resolve({"a", "b", "c"}, {{"a", {"b"}}, {"b", {"c"}}, {"c", {"a"}}});
            CPPUNIT_FAIL("expected DependencyError");
        } catch (const DependencyError& e) {
            CPPUNIT_ASSERT(std::string(e.what()).find("a -> b -> c -> a") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DependencyOrderTest);
