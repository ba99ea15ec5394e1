// ResponseSerializer: framing headers, bodiless statuses, HEAD, keep-alive.
#include "http/ResponseSerializer.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::ResponseFraming;
using motel::host::ResponseSerializer;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string bodyOf(const std::string& bytes) {
    return bytes.substr(bytes.find("\r\n\r\n") + 4);
}

} // namespace

class ResponseSerializerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ResponseSerializerTest);
    CPPUNIT_TEST(writesStatusHeadersLengthAndBody);
    CPPUNIT_TEST(sendsTheLengthButNoBodyForHead);
    CPPUNIT_TEST(sendsNeitherLengthNorBodyFor204And304);
    CPPUNIT_TEST(saysConnectionCloseOrKeepAliveAsNeeded);
    CPPUNIT_TEST(ownsTheFramingHeaders);
    CPPUNIT_TEST(keepsTheUpgradeHeadersOfASwitch);
    CPPUNIT_TEST(neutralisesLineBreaksInHeaders);
    CPPUNIT_TEST(rendersErrorsAsTheEnvelope);
    CPPUNIT_TEST_SUITE_END();

public:
    void writesStatusHeadersLengthAndBody() {
        motel::sdk::Response response;
        response.status = 201;
        response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
        response.body = "{\"id\":1}";
        const std::string bytes = ResponseSerializer::serialize(response, ResponseFraming{});
        CPPUNIT_ASSERT_EQUAL(0, bytes.compare(0, 22, "HTTP/1.1 201 Created\r\n"));
        CPPUNIT_ASSERT(contains(bytes, "\r\nDate: "));
        CPPUNIT_ASSERT(contains(bytes, "\r\nContent-Type: application/json; charset=utf-8\r\n"));
        CPPUNIT_ASSERT(contains(bytes, "\r\nContent-Length: 8\r\n"));
        CPPUNIT_ASSERT(!contains(bytes, "Connection:"));
        CPPUNIT_ASSERT_EQUAL(std::string("{\"id\":1}"), bodyOf(bytes));
    }

    void sendsTheLengthButNoBodyForHead() {
        motel::sdk::Response response;
        response.body = "hello";
        ResponseFraming framing;
        framing.headRequest = true;
        const std::string bytes = ResponseSerializer::serialize(response, framing);
        CPPUNIT_ASSERT(contains(bytes, "Content-Length: 5\r\n"));
        CPPUNIT_ASSERT_EQUAL(std::string(), bodyOf(bytes));
    }

    void sendsNeitherLengthNorBodyFor204And304() {
        for (int status : {204, 304}) {
            motel::sdk::Response response;
            response.status = status;
            response.body = "ignored";
            const std::string bytes = ResponseSerializer::serialize(response, ResponseFraming{});
            CPPUNIT_ASSERT(!contains(bytes, "Content-Length"));
            CPPUNIT_ASSERT_EQUAL(std::string(), bodyOf(bytes));
        }
    }

    void saysConnectionCloseOrKeepAliveAsNeeded() {
        motel::sdk::Response response;
        ResponseFraming closing;
        closing.keepAlive = false;
        CPPUNIT_ASSERT(contains(ResponseSerializer::serialize(response, closing), "\r\nConnection: close\r\n"));
        ResponseFraming http10;
        http10.http10 = true;
        CPPUNIT_ASSERT(contains(ResponseSerializer::serialize(response, http10), "\r\nConnection: keep-alive\r\n"));
    }

    void ownsTheFramingHeaders() {
        motel::sdk::Response response;
        response.body = "abc";
        response.headers.emplace_back("content-length", "999");
        response.headers.emplace_back("Transfer-Encoding", "chunked");
        response.headers.emplace_back("Connection", "keep-alive");
        const std::string bytes = ResponseSerializer::serialize(response, ResponseFraming{});
        CPPUNIT_ASSERT(!contains(bytes, "999"));
        CPPUNIT_ASSERT(!contains(bytes, "chunked"));
        CPPUNIT_ASSERT(!contains(bytes, "Connection"));
        CPPUNIT_ASSERT(contains(bytes, "Content-Length: 3\r\n"));
    }

    void keepsTheUpgradeHeadersOfASwitch() {
        motel::sdk::Response response;
        response.status = 101;
        response.headers.emplace_back("Upgrade", "websocket");
        response.headers.emplace_back("Connection", "Upgrade");
        ResponseFraming framing;
        framing.upgrade = true;
        const std::string bytes = ResponseSerializer::serialize(response, framing);
        CPPUNIT_ASSERT_EQUAL(0, bytes.compare(0, 34, "HTTP/1.1 101 Switching Protocols\r\n"));
        CPPUNIT_ASSERT(contains(bytes, "\r\nConnection: Upgrade\r\n"));
        CPPUNIT_ASSERT(!contains(bytes, "Content-Length"));
    }

    void neutralisesLineBreaksInHeaders() {
        motel::sdk::Response response;
        response.headers.emplace_back("Location", "/x\r\nSet-Cookie: evil=1");
        const std::string bytes = ResponseSerializer::serialize(response, ResponseFraming{});
        CPPUNIT_ASSERT(!contains(bytes, "\r\nSet-Cookie"));
        CPPUNIT_ASSERT(contains(bytes, "Location: /x  Set-Cookie: evil=1\r\n"));
    }

    void rendersErrorsAsTheEnvelope() {
        ResponseFraming framing;
        framing.keepAlive = false;
        const std::string bytes = ResponseSerializer::error(413, "Request body too large", framing);
        CPPUNIT_ASSERT_EQUAL(0, bytes.compare(0, 30, "HTTP/1.1 413 Payload Too Large"));
        CPPUNIT_ASSERT(contains(bytes, "application/json"));
        CPPUNIT_ASSERT(contains(bodyOf(bytes), "\"statusCode\":413"));
        CPPUNIT_ASSERT(contains(bodyOf(bytes), "\"message\":\"Request body too large\""));
        CPPUNIT_ASSERT(contains(bodyOf(bytes), "\"error\":\"Payload Too Large\""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ResponseSerializerTest);
