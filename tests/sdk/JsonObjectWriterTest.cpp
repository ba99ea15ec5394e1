#include <motel/sdk/JsonList.h>
#include <motel/sdk/JsonObjectWriter.h>

#include <cppunit/extensions/HelperMacros.h>

#include <optional>
#include <string>
#include <vector>

using motel::sdk::JsonList;
using motel::sdk::JsonObjectWriter;

class JsonObjectWriterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonObjectWriterTest);
    CPPUNIT_TEST(writesEveryKindOfField);
    CPPUNIT_TEST(escapesStringsSoTheyParseBack);
    CPPUNIT_TEST(rendersTheListEnvelope);
    CPPUNIT_TEST_SUITE_END();

public:
    void writesEveryKindOfField() {
        std::string out;
        JsonObjectWriter writer(out);
        writer.field("a", std::string("x"))
            .field("b", std::optional<std::string>())
            .field("c", std::int64_t(42))
            .field("d", std::optional<std::int64_t>())
            .field("e", true)
            .rawField("f", "[1]")
            .close();
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"a":"x","b":null,"c":42,"d":null,"e":true,"f":[1]})"), out);
    }

    void escapesStringsSoTheyParseBack() {
        const std::string tricky = "quote \" backslash \\ newline \n tab \t bell \x07 unicode é";
        std::string out;
        JsonObjectWriter(out).field("text", tricky).close();
        const auto parsed = JsonObjectWriter::parseObject(out);
        CPPUNIT_ASSERT_EQUAL(tricky, parsed->getValue<std::string>("text"));
    }

    void rendersTheListEnvelope() {
        const std::vector<int> items{1, 2};
        const auto text = JsonList::render(
            items, [](std::string& out, int i) { out += std::to_string(i); }, 7, 2, 4);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"data":[1,2],"total":7,"limit":2,"offset":4})"), text);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonObjectWriterTest);
