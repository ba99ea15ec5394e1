#include "routing/JsonBody.h"

#include <motel/sdk/BodyReader.h>
#include <motel/sdk/Errors.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <cmath>

using motel::host::JsonBody;

namespace {

motel::sdk::Request post(const std::string& body) {
    motel::sdk::Request request;
    request.method = "POST";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = body;
    return request;
}

} // namespace

class JsonBodyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonBodyTest);
    CPPUNIT_TEST(contentTypes);
    CPPUNIT_TEST(utf8Validation);
    CPPUNIT_TEST(bodiesOnlyForWritingMethods);
    CPPUNIT_TEST(numbersBeyondTheParserAreInfinity);
    CPPUNIT_TEST(numbersBeyondTheParserNameTheirField);
    CPPUNIT_TEST(malformedJsonStaysMalformed);
    CPPUNIT_TEST_SUITE_END();

public:
    void contentTypes() {
        CPPUNIT_ASSERT(JsonBody::isJsonContentType("application/json"));
        CPPUNIT_ASSERT(JsonBody::isJsonContentType("Application/JSON; charset=utf-8"));
        CPPUNIT_ASSERT(JsonBody::isJsonContentType("application/merge-patch+json"));
        CPPUNIT_ASSERT(!JsonBody::isJsonContentType("text/plain"));
        CPPUNIT_ASSERT(!JsonBody::isJsonContentType(""));
    }

    void utf8Validation() {
        CPPUNIT_ASSERT(JsonBody::isValidUtf8("plain"));
        CPPUNIT_ASSERT(JsonBody::isValidUtf8("caf\xc3\xa9 \xf0\x9f\x9b\x8f"));
        CPPUNIT_ASSERT(!JsonBody::isValidUtf8("\xc3"));
        CPPUNIT_ASSERT(!JsonBody::isValidUtf8("\xc0\xaf"));         // overlong '/'
        CPPUNIT_ASSERT(!JsonBody::isValidUtf8("\xed\xa0\x80"));     // surrogate
        CPPUNIT_ASSERT(!JsonBody::isValidUtf8("\xf4\x90\x80\x80")); // past U+10FFFF
    }

    void bodiesOnlyForWritingMethods() {
        motel::sdk::Request get;
        get.method = "GET";
        get.body = "not json at all";
        CPPUNIT_ASSERT(JsonBody::parse(get).isEmpty());
        motel::sdk::Request post;
        post.method = "POST";
        post.body = "  ";
        CPPUNIT_ASSERT(JsonBody::parse(post).isEmpty());
    }

    // Valid JSON the parser cannot hold reads as infinity, wherever it sits;
    // the same text inside a string is left alone.
    void numbersBeyondTheParserAreInfinity() {
        const auto json = JsonBody::parse(
            post(R"({"floor":1e400,"suiteId":99999999999999999999,"low":[-1e400,{"x":-99999999999999999999}],)"
                 R"("text":"1e400 \" 99999999999999999999","fits":18446744073709551615,"tiny":1e-400})"));
        const auto body = json.extract<Poco::JSON::Object::Ptr>();
        const auto infinite = [](const Poco::Dynamic::Var& value, bool negative) {
            return value.type() == typeid(double) && std::isinf(value.extract<double>()) &&
                   std::signbit(value.extract<double>()) == negative;
        };
        CPPUNIT_ASSERT(infinite(body->get("floor"), false));
        CPPUNIT_ASSERT(infinite(body->get("suiteId"), false));
        const auto low = body->getArray("low");
        CPPUNIT_ASSERT(infinite(low->get(0), true));
        CPPUNIT_ASSERT(infinite(low->getObject(1)->get("x"), true));
        CPPUNIT_ASSERT_EQUAL(std::string("1e400 \" 99999999999999999999"), body->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(std::string("18446744073709551615"), body->get("fits").toString());
        CPPUNIT_ASSERT_EQUAL(0.0, body->getValue<double>("tiny"));
    }

    // What a handler then answers: the field's own type error, by name.
    void numbersBeyondTheParserNameTheirField() {
        const auto json = JsonBody::parse(post(R"({"floor":1e400,"suiteId":-99999999999999999999,"name":1e400})"));
        motel::sdk::BodyReader body(json.extract<Poco::JSON::Object::Ptr>(), {"floor", "suiteId", "name"});
        body.integer("floor", motel::sdk::Required::yes);
        body.integer("suiteId", motel::sdk::Required::no);
        body.string("name", motel::sdk::Required::no);
        try {
            body.finish();
            CPPUNIT_FAIL("expected a validation error");
        } catch (const motel::sdk::ValidationError& error) {
            const std::vector<std::string> expected{"floor must be an integer", "suiteId must be an integer",
                                                    "name must be a string"};
            CPPUNIT_ASSERT(expected == error.messages());
        }
    }

    void malformedJsonStaysMalformed() {
        for (const char* body : {R"({"floor":1e400)", R"({"floor":1e400,})", R"({"floor":01e400})", R"([1e400 1])",
                                 R"({"floor":1e400x})", R"({"floor":--1e400})", R"({"f":1e})"}) {
            try {
                JsonBody::parse(post(body));
                CPPUNIT_FAIL(std::string("accepted ") + body);
            } catch (const motel::sdk::BadRequest& error) {
                CPPUNIT_ASSERT_EQUAL(std::string("Malformed JSON in request body"), std::string(error.what()));
            }
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonBodyTest);
