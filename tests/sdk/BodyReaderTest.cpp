#include <motel/sdk/BodyReader.h>
#include <motel/sdk/Errors.h>

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::BodyReader;
using motel::sdk::Required;

namespace {
Poco::JSON::Object::Ptr parse(const std::string& json) {
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}
} // namespace

class BodyReaderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BodyReaderTest);
    CPPUNIT_TEST(unknownPropertiesAreProblems);
    CPPUNIT_TEST(requiredFieldsNameThemselves);
    CPPUNIT_TEST(integersRejectStringsFractionsAndBooleans);
    CPPUNIT_TEST(integerBoundsAreChecked);
    CPPUNIT_TEST(enumsListTheirValues);
    CPPUNIT_TEST(timestampsAreNormalised);
    CPPUNIT_TEST(finishThrowsEveryProblemAtOnce);
    CPPUNIT_TEST(nullIsDistinguishedFromAbsent);
    CPPUNIT_TEST(nullableReadersTellAbsentNullAndValueApart);
    CPPUNIT_TEST(nullableReadersRecordBadValuesAsProblems);
    CPPUNIT_TEST(refuseNullNamesTheField);
    CPPUNIT_TEST_SUITE_END();

public:
    void unknownPropertiesAreProblems() {
        BodyReader body(parse(R"({"number":"101","color":"red"})"), {"number"});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), body.problems().size());
        CPPUNIT_ASSERT_EQUAL(std::string("property color should not exist"), body.problems()[0]);
    }

    void requiredFieldsNameThemselves() {
        BodyReader body(parse(R"({"number":"  "})"), {"number", "floor"});
        CPPUNIT_ASSERT(!body.string("number", Required::yes, true));
        CPPUNIT_ASSERT(!body.integer("floor", Required::yes));
        CPPUNIT_ASSERT_EQUAL(std::string("number must not be empty"), body.problems().at(0));
        CPPUNIT_ASSERT_EQUAL(std::string("floor must not be empty"), body.problems().at(1));
    }

    void integersRejectStringsFractionsAndBooleans() {
        BodyReader body(parse(R"({"a":"1","b":1.5,"c":true,"d":2,"e":3.0})"), {"a", "b", "c", "d", "e"});
        CPPUNIT_ASSERT(!body.integer("a"));
        CPPUNIT_ASSERT(!body.integer("b"));
        CPPUNIT_ASSERT(!body.integer("c"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), *body.integer("d"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), *body.integer("e"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), body.problems().size());
        CPPUNIT_ASSERT_EQUAL(std::string("a must be an integer"), body.problems()[0]);
    }

    void integerBoundsAreChecked() {
        BodyReader body(parse(R"({"a":0,"b":1e30})"), {"a", "b"});
        CPPUNIT_ASSERT(!body.integer("a", Required::no, 1));
        CPPUNIT_ASSERT(!body.integer("b"));
        CPPUNIT_ASSERT_EQUAL(std::string("a must not be less than 1"), body.problems()[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("b must be an integer"), body.problems()[1]);
    }

    void enumsListTheirValues() {
        BodyReader body(parse(R"({"occupancy":"sleeping"})"), {"occupancy"});
        CPPUNIT_ASSERT(!body.oneOf("occupancy", {"vacant", "occupied"}));
        CPPUNIT_ASSERT_EQUAL(std::string("occupancy must be one of the following values: vacant, occupied"),
                             body.problems()[0]);
    }

    void timestampsAreNormalised() {
        BodyReader body(parse(R"({"a":"2026-01-01T10:30:00+01:00","b":"tomorrow","c":"2026-02-30T00:00:00Z"})"),
                        {"a", "b", "c"});
        CPPUNIT_ASSERT_EQUAL(std::string("2026-01-01T09:30:00.000Z"), *body.timestamp("a"));
        CPPUNIT_ASSERT(!body.timestamp("b"));
        CPPUNIT_ASSERT(!body.timestamp("c"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), body.problems().size());
    }

    void finishThrowsEveryProblemAtOnce() {
        BodyReader body(parse(R"({"x":1})"), {"floor"});
        body.integer("floor", Required::yes);
        try {
            body.finish();
            CPPUNIT_FAIL("finish() should throw");
        } catch (const motel::sdk::ValidationError& e) {
            CPPUNIT_ASSERT_EQUAL(400, e.status());
            CPPUNIT_ASSERT(e.messageIsList());
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), e.messages().size());
        }
    }

    void nullIsDistinguishedFromAbsent() {
        BodyReader body(parse(R"({"notes":null})"), {"notes", "name"});
        CPPUNIT_ASSERT(body.isNull("notes"));
        CPPUNIT_ASSERT(!body.isNull("name"));
        CPPUNIT_ASSERT(!body.has("name"));
        CPPUNIT_ASSERT(!body.string("notes"));
        CPPUNIT_ASSERT(body.problems().empty());
    }

    void nullableReadersTellAbsentNullAndValueApart() {
        BodyReader body(parse(R"({"notes":null,"name":"Blue","assigneeId":7,"dueAt":"2026-01-01T09:30:00Z"})"),
                        {"notes", "name", "assigneeId", "dueAt", "absent"});
        const auto notes = body.nullableString("notes");
        CPPUNIT_ASSERT(notes.has_value() && !notes->has_value());
        CPPUNIT_ASSERT(!body.nullableString("absent").has_value());
        CPPUNIT_ASSERT_EQUAL(std::string("Blue"), **body.nullableString("name"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7), **body.nullableInteger("assigneeId"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-01-01T09:30:00.000Z"), **body.nullableTimestamp("dueAt"));
        CPPUNIT_ASSERT(body.problems().empty());
    }

    void nullableReadersRecordBadValuesAsProblems() {
        BodyReader body(parse(R"({"name":"too long","assigneeId":"7","dueAt":"soon"})"),
                        {"name", "assigneeId", "dueAt"});
        CPPUNIT_ASSERT(!body.nullableString("name", 3).has_value());
        CPPUNIT_ASSERT(!body.nullableInteger("assigneeId").has_value());
        CPPUNIT_ASSERT(!body.nullableTimestamp("dueAt").has_value());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), body.problems().size());
        CPPUNIT_ASSERT_EQUAL(std::string("assigneeId must be an integer"), body.problems()[1]);
    }

    void refuseNullNamesTheField() {
        BodyReader body(parse(R"({"priority":null,"type":"cleaning"})"), {"priority", "type"});
        body.refuseNull("priority");
        body.refuseNull("type");
        body.refuseNull("absent");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), body.problems().size());
        CPPUNIT_ASSERT_EQUAL(std::string("priority must not be empty"), body.problems()[0]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BodyReaderTest);
