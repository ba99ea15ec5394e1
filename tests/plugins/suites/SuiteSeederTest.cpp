#include "SuiteSeeder.h"

#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <set>

using motel::suites::SuiteSeeder;

class SuiteSeederTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SuiteSeederTest);
    CPPUNIT_TEST(threeFloorsOfTenInMixedStates);
    CPPUNIT_TEST_SUITE_END();

public:
    void threeFloorsOfTenInMixedStates() {
        const auto suites = SuiteSeeder::demoSuites();
        CPPUNIT_ASSERT_EQUAL(std::size_t(30), suites.size());
        std::set<std::string> numbers;
        std::map<std::string, int> states;
        for (const auto& suite : suites) {
            numbers.insert(suite.number);
            CPPUNIT_ASSERT_EQUAL(std::stoll(suite.number) / 100, static_cast<long long>(suite.floor));
            ++states[suite.condition];
            ++states[suite.occupancy];
            ++states[suite.serviceState];
            // Believable: nobody sleeps in a room that is out of order.
            CPPUNIT_ASSERT(!(suite.occupancy == "occupied" && suite.serviceState != "in_service"));
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(30), numbers.size());
        CPPUNIT_ASSERT(numbers.count("101") && numbers.count("110") && numbers.count("301") && numbers.count("310"));
        for (const char* state : {"dirty", "clean", "inspected", "vacant", "occupied", "out_of_order"})
            CPPUNIT_ASSERT(states[state] > 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SuiteSeederTest);
