#include "SuiteDiff.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::suites::Suite;
using motel::suites::SuiteDiff;

class SuiteDiffTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SuiteDiffTest);
    CPPUNIT_TEST(noChangeNoRows);
    CPPUNIT_TEST(oneRowPerChangedFieldKeepingJsonTypes);
    CPPUNIT_TEST_SUITE_END();

public:
    void noChangeNoRows() {
        Suite suite;
        suite.number = "101";
        CPPUNIT_ASSERT(SuiteDiff::between(suite, suite).empty());
    }

    void oneRowPerChangedFieldKeepingJsonTypes() {
        Suite before;
        before.number = "101";
        before.floor = 1;
        Suite after = before;
        after.floor = 2;
        after.name = "Garden \"View\"";
        after.serviceState = "out_of_order";
        after.version = 9; // not a field of the history
        const auto changes = SuiteDiff::between(before, after);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), changes.size());
        CPPUNIT_ASSERT_EQUAL(std::string("name"), changes[0].field);
        CPPUNIT_ASSERT_EQUAL(std::string("null"), changes[0].fromJson);
        CPPUNIT_ASSERT_EQUAL(std::string(R"("Garden \"View\"")"), changes[0].toJson);
        CPPUNIT_ASSERT_EQUAL(std::string("floor"), changes[1].field);
        CPPUNIT_ASSERT_EQUAL(std::string("1"), changes[1].fromJson);
        CPPUNIT_ASSERT_EQUAL(std::string("2"), changes[1].toJson);
        CPPUNIT_ASSERT_EQUAL(std::string("serviceState"), changes[2].field);
        CPPUNIT_ASSERT_EQUAL(std::string("\"in_service\""), changes[2].fromJson);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SuiteDiffTest);
