#include "SuiteInput.h"

#include <motel/sdk/Errors.h>

#include "RequestBodies.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::Request;
using motel::sdk::ValidationError;
using motel::suites::SuiteInput;

using motel::test::contains;
using motel::test::problemsOf;
using motel::test::withBody;

class SuiteInputTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SuiteInputTest);
    CPPUNIT_TEST(newSuiteGetsTheDefaults);
    CPPUNIT_TEST(newSuiteProblemsNameTheirFields);
    CPPUNIT_TEST(changeKeepsOnlyPresentFields);
    CPPUNIT_TEST(changeRefusesNullForRequiredFields);
    CPPUNIT_TEST_SUITE_END();

public:
    void newSuiteGetsTheDefaults() {
        const auto suite = SuiteInput::readNew(withBody(R"({"number":"101","floor":1})"));
        CPPUNIT_ASSERT_EQUAL(std::string("101"), suite.number);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), suite.floor);
        CPPUNIT_ASSERT_EQUAL(std::string("standard"), suite.type);
        CPPUNIT_ASSERT_EQUAL(std::string("vacant"), suite.occupancy);
        CPPUNIT_ASSERT_EQUAL(std::string("clean"), suite.condition);
        CPPUNIT_ASSERT_EQUAL(std::string("in_service"), suite.serviceState);
        CPPUNIT_ASSERT(!suite.name);
        CPPUNIT_ASSERT(!suite.notes);
    }

    void newSuiteProblemsNameTheirFields() {
        const auto problems = problemsOf(
            [] { SuiteInput::readNew(withBody(R"({"number":"","floor":"one","occupancy":"full","colour":"red"})")); });
        CPPUNIT_ASSERT(contains(problems, "property colour should not exist"));
        CPPUNIT_ASSERT(contains(problems, "number must not be empty"));
        CPPUNIT_ASSERT(contains(problems, "floor must be an integer"));
        CPPUNIT_ASSERT(contains(problems, "occupancy must be one of the following values: vacant, occupied"));
    }

    void changeKeepsOnlyPresentFields() {
        const auto change = SuiteInput::readChange(withBody(R"({"condition":"dirty","name":null})"));
        CPPUNIT_ASSERT_EQUAL(std::string("dirty"), *change.condition);
        CPPUNIT_ASSERT(change.name.has_value());
        CPPUNIT_ASSERT(!change.name->has_value());
        CPPUNIT_ASSERT(!change.number && !change.floor && !change.occupancy && !change.notes);
    }

    void changeRefusesNullForRequiredFields() {
        const auto problems = problemsOf([] { SuiteInput::readChange(withBody(R"({"floor":null})")); });
        CPPUNIT_ASSERT(contains(problems, "floor must not be empty"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SuiteInputTest);
