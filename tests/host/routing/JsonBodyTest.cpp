#include "routing/JsonBody.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::JsonBody;

class JsonBodyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonBodyTest);
    CPPUNIT_TEST(contentTypes);
    CPPUNIT_TEST(utf8Validation);
    CPPUNIT_TEST(bodiesOnlyForWritingMethods);
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonBodyTest);
