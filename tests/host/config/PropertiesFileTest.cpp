// The host's properties reader: the documented syntax case by case, bad
// files, and the same key/values as Poco's PropertyFileConfiguration (which
// the host used before it stopped linking PocoUtil) on hand-picked and on
// generated input, so no existing motel.properties reads differently.
#include "config/PropertiesFile.h"

#include <motel/sdk/Settings.h>

#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <random>
#include <sstream>

using motel::host::PropertiesFile;
using Values = std::map<std::string, std::string>;

namespace {

// What Poco's reader makes of `text` (the raw map, as the host read it).
class PocoReference : public Poco::Util::PropertyFileConfiguration {
public:
    explicit PocoReference(std::istream& in) : PropertyFileConfiguration(in) {}
    Values values() const {
        Values out;
        for (auto it = begin(); it != end(); ++it) out[it->first] = it->second;
        return out;
    }

protected:
    ~PocoReference() override = default;
};

Values pocoParse(const std::string& text) {
    std::istringstream in(text);
    Poco::AutoPtr<PocoReference> reference(new PocoReference(in));
    return reference->values();
}

std::string describe(const Values& values) {
    std::string out;
    for (const auto& [key, value] : values) out += "[" + key + "]=[" + value + "] ";
    return out;
}

std::string escaped(const std::string& text) {
    std::string out;
    for (const unsigned char c : text) {
        if (c >= 32 && c < 127) {
            out += static_cast<char>(c);
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    return out;
}

void assertSameAsPoco(const std::string& text) {
    const Values ours = PropertiesFile::parse(text);
    const Values poco = pocoParse(text);
    CPPUNIT_ASSERT_EQUAL_MESSAGE("input: " + escaped(text), describe(poco), describe(ours));
}

} // namespace

class PropertiesFileTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PropertiesFileTest);
    CPPUNIT_TEST(keysAndValuesAreTrimmed);
    CPPUNIT_TEST(commentsAndBlankLinesAreSkipped);
    CPPUNIT_TEST(escapesInValues);
    CPPUNIT_TEST(backslashAtLineEndContinuesTheValue);
    CPPUNIT_TEST(everyLineEndingEndsALine);
    CPPUNIT_TEST(aKeyWithoutSeparatorIsEmpty);
    CPPUNIT_TEST(laterDuplicatesWin);
    CPPUNIT_TEST(sameAsPocoOnTrickyInput);
    CPPUNIT_TEST(sameAsPocoOnGeneratedInput);
    CPPUNIT_TEST(aMissingFileIsAConfigError);
    CPPUNIT_TEST(aDirectoryIsAConfigErrorNotAHang);
    CPPUNIT_TEST(aFileIsReadWhole);
    CPPUNIT_TEST_SUITE_END();

public:
    void keysAndValuesAreTrimmed() {
        CPPUNIT_ASSERT_EQUAL(describe(Values{{"http.port", "3001"}, {"db.url", "sqlite:var/x.db"}, {"a", "b c"}}),
                             describe(PropertiesFile::parse("  http.port =  3001  \n"
                                                            "db.url:sqlite:var/x.db\n"
                                                            "\ta\t=\tb c\t\n")));
    }

    void commentsAndBlankLinesAreSkipped() {
        CPPUNIT_ASSERT_EQUAL(describe(Values{{"a", "1"}, {"b", "2 # not a comment"}}),
                             describe(PropertiesFile::parse("# comment = x\n\n   ! also = y\n"
                                                            "a = 1\n   \n"
                                                            "b = 2 # not a comment\n")));
    }

    void escapesInValues() {
        CPPUNIT_ASSERT_EQUAL(describe(Values{{"v", "a\tb\nc\rd\fe\\f=g:h#i"}}),
                             describe(PropertiesFile::parse("v = a\\tb\\nc\\rd\\fe\\\\f\\=g\\:h\\#i\n")));
        // An escaped blank at the end is a character, then trimmed like any.
        CPPUNIT_ASSERT_EQUAL(std::string("x"), PropertiesFile::parse("v = x\\ \n").at("v"));
        // Keys take no escapes.
        CPPUNIT_ASSERT_EQUAL(std::string("b"), PropertiesFile::parse("a\\tk = b\n").at("a\\tk"));
    }

    void backslashAtLineEndContinuesTheValue() {
        const Values values = PropertiesFile::parse("origins = https://a.example,\\\n"
                                                    "    https://b.example,\\\r\n"
                                                    "https://c.example\n"
                                                    "next = 1\n");
        CPPUNIT_ASSERT_EQUAL(std::string("https://a.example,    https://b.example,https://c.example"),
                             values.at("origins"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), values.at("next"));
        // A backslash as the file's last character ends the value.
        CPPUNIT_ASSERT_EQUAL(std::string("end"), PropertiesFile::parse("v = end\\").at("v"));
    }

    void everyLineEndingEndsALine() {
        CPPUNIT_ASSERT_EQUAL(describe(Values{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}}),
                             describe(PropertiesFile::parse("a=1\rb=2\r\nc=3\nd=4")));
    }

    void aKeyWithoutSeparatorIsEmpty() {
        CPPUNIT_ASSERT_EQUAL(describe(Values{{"lonely", ""}, {"x", ""}}),
                             describe(PropertiesFile::parse("lonely\nx =\n")));
    }

    void laterDuplicatesWin() {
        CPPUNIT_ASSERT_EQUAL(std::string("2"), PropertiesFile::parse("a = 1\na = 2\n").at("a"));
    }

    void sameAsPocoOnTrickyInput() {
        for (const std::string& text : std::vector<std::string>{
                 "",
                 "\n",
                 "=",
                 ":",
                 "==",
                 "a==b",
                 "a:=b",
                 "a=:b",
                 " = v",
                 "k=\\",
                 "k=\\\r",
                 "k=\\\r\n",
                 "k=v\\\n",
                 "k=v\\\n\n",
                 "#\\\nk=v",
                 "!x\rk=v",
                 "k\\=v",
                 "k\\:v=1",
                 "k = \\u0041",
                 "k = a\\\\\nb = c",
                 std::string("k = a\0b = c\n", 12),
                 std::string("k\0 = v\n", 7),
                 "k = \xc3\xa9t\xc3\xa9 \n",
                 "\xa0k = v\xa0\n",
                 "k = \\\\\\n\\t \n",
                 "\t\v\f\r\n k \v= v \f",
                 "k=v\n\\\n",
                 "\\\nk=v",
                 ".a = 1\n..b = 2\n",
                 "a.b.c:d:e=f",
                 "k = v\\\r\r\n",
                 "k = \\\n \\\n x",
             })
            assertSameAsPoco(text);
    }

    void sameAsPocoOnGeneratedInput() {
        // Lines built from the characters the syntax gives meaning to.
        const std::string alphabet = std::string("ab.=:#! \t\\\r\n\f\vtnrf\xc3\xff", 21) + std::string(1, '\0');
        std::mt19937 random(20261207);
        std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
        std::uniform_int_distribution<int> length(0, 40);
        for (int round = 0; round < 20000; ++round) {
            std::string text;
            for (int i = length(random); i > 0; --i) text += alphabet[pick(random)];
            assertSameAsPoco(text);
        }
    }

    void aMissingFileIsAConfigError() {
        try {
            PropertiesFile::read("/nonexistent/motel.properties");
            CPPUNIT_FAIL("read a missing file");
        } catch (const motel::sdk::ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("config file not found: /nonexistent/motel.properties"),
                                 std::string(e.what()));
        }
    }

    void aDirectoryIsAConfigErrorNotAHang() {
        // Poco's reader looped forever on a directory.
        Poco::TemporaryFile folder;
        Poco::File(folder.path()).createDirectories();
        try {
            PropertiesFile::read(folder.path());
            CPPUNIT_FAIL("read a directory");
        } catch (const motel::sdk::ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL("config file is a directory: " + folder.path(), std::string(e.what()));
        }
    }

    void aFileIsReadWhole() {
        Poco::TemporaryFile file;
        std::string text = "first = 1\n";
        for (int i = 0; i < 5000; ++i)
            text += "plugins.p" + std::to_string(i) + ".key = value " + std::to_string(i) + "\n";
        text += "last = \\\n  continued";
        std::ofstream(file.path(), std::ios::binary) << text;
        const Values values = PropertiesFile::read(file.path());
        CPPUNIT_ASSERT_EQUAL(std::size_t(5002), values.size());
        CPPUNIT_ASSERT_EQUAL(std::string("value 4999"), values.at("plugins.p4999.key"));
        CPPUNIT_ASSERT_EQUAL(std::string("continued"), values.at("last"));
        CPPUNIT_ASSERT_EQUAL(describe(pocoParse(text)), describe(values));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PropertiesFileTest);
