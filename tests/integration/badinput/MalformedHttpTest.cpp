// Malformed HTTP on the wire, as scanners and broken clients send it: bad
// request lines, bad headers, lying or conflicting lengths, oversized heads
// and bodies, request smuggling attempts. Every answer is the API's error
// envelope with a 4xx (two protocol answers excepted, see below), the
// connection is closed where the stream cannot be trusted, and the host keeps
// serving.
#include "BadInputFixture.h"
#include "RawHttpClient.h"

#include <Poco/JSON/Object.h>

#include <string>
#include <utility>
#include <vector>

namespace motel::test {

class MalformedHttpTest : public BadInputFixture {
    CPPUNIT_TEST_SUITE(MalformedHttpTest);
    CPPUNIT_TEST(malformedRequestLinesGet400);
    CPPUNIT_TEST(malformedHeadersGet400);
    CPPUNIT_TEST(ambiguousFramingIsRefused);
    CPPUNIT_TEST(oversizedHeadsGet431);
    CPPUNIT_TEST(oversizedBodiesGet413BeforeTheyAreRead);
    CPPUNIT_TEST(unsupportedProtocolFeaturesGetTheirRfcAnswers);
    CPPUNIT_TEST(garbageBytesNeverReachAHandler);
    CPPUNIT_TEST(aConnectionWithABrokenRequestIsClosed);
    CPPUNIT_TEST_SUITE_END();

public:
    void malformedRequestLinesGet400() {
        const std::vector<std::string> lines{
            "GET\r\n\r\n",
            "GET /health/live\r\n\r\n",
            "GET  /health/live HTTP/1.1\r\n\r\n",
            "GET /health/live HTTP/1.1 extra\r\n\r\n",
            "GET /health/live HTTP/1\r\n\r\n",
            "GET /health/live HTTP/1.1.1\r\n\r\n",
            "GET /health/live http/1.1\r\n\r\n",
            "G(T /health/live HTTP/1.1\r\n\r\n",
            "GET /health/\x01live HTTP/1.1\r\n\r\n",
            "GET /health/live\x7f HTTP/1.1\r\n\r\n",
            "GET http://example.com/health/live HTTP/1.1\r\nHost: example.com\r\n\r\n",
            "GET * HTTP/1.1\r\n\r\n",
            "OPTIONS health/live HTTP/1.1\r\n\r\n",
            "GET /api/suites/%zz HTTP/1.1\r\n\r\n",
            "GET /api/suites/%00 HTTP/1.1\r\n\r\n",
            "GET /api/suites?floor=%G1 HTTP/1.1\r\n\r\n",
        };
        for (const auto& line : lines)
            expectClientError(RawHttpClient::exchange(host_->port(), line), escaped(line), 400);
        expectHostServes();
    }

    void malformedHeadersGet400() {
        const std::string start = "GET /health/live HTTP/1.1\r\nHost: x\r\n";
        const std::vector<std::string> heads{
            start + "NoColon\r\n\r\n",
            start + "Bad Name: x\r\n\r\n",
            start + "Name : x\r\n\r\n",
            start + ": empty-name\r\n\r\n",
            start + "X-A: one\r\n folded\r\n\r\n",
            start + "X-A: a\rb\r\n\r\n",
            start + std::string("X-A: nul\0here\r\n\r\n", 17),
            start + "X-A: bell\x07\r\n\r\n",
            start + "X\x80Y: high-bit name\r\n\r\n",
        };
        for (const auto& head : heads)
            expectClientError(RawHttpClient::exchange(host_->port(), head), escaped(head), 400);
        expectHostServes();
    }

    void ambiguousFramingIsRefused() {
        const std::string post = "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
        const std::vector<std::string> requests{
            post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}",
            post + "Content-Length: -1\r\n\r\n",
            post + "Content-Length: 1e3\r\n\r\n",
            post + "Content-Length: 0x10\r\n\r\n",
            post + "Content-Length: 4, 4\r\n\r\n{}{}",
            post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            post + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
            post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            post + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n",
        };
        for (const auto& request : requests)
            expectClientError(RawHttpClient::exchange(host_->port(), request), escaped(request), 400);
        expectHostServes();
    }

    void oversizedHeadsGet431() {
        const std::string hugeHeader =
            "GET /health/live HTTP/1.1\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n";
        expectClientError(RawHttpClient::exchange(host_->port(), hugeHeader), "a 64 KiB header", 431);
        const std::string hugeTarget = "GET /health/live?" + std::string(64 * 1024, 'q') + " HTTP/1.1\r\n\r\n";
        expectClientError(RawHttpClient::exchange(host_->port(), hugeTarget), "a 64 KiB request line", 431);
        std::string manyHeaders = "GET /health/live HTTP/1.1\r\n";
        for (int i = 0; i < 500; ++i) manyHeaders += "X-H" + std::to_string(i) + ": v\r\n";
        expectClientError(RawHttpClient::exchange(host_->port(), manyHeaders + "\r\n"), "500 headers", 431);
        expectHostServes();
    }

    void oversizedBodiesGet413BeforeTheyAreRead() {
        // Announced: refused from the head alone, the 2 MiB never sent.
        const std::string announced = "POST /api/suites HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                      "Authorization: Bearer " +
                                      admin_ + "\r\nContent-Length: 2097152\r\n\r\n";
        expectClientError(RawHttpClient::exchange(host_->port(), announced), "Content-Length 2 MiB", 413);
        const std::string absurd = "POST /api/suites HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n";
        expectClientError(RawHttpClient::exchange(host_->port(), absurd), "Content-Length 1e23", 413);
        // Chunked: refused once the chunks pass the limit.
        RawHttpClient chunked(host_->port());
        chunked.send("POST /api/suites HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n");
        const std::string chunk = std::string("10000\r\n") + std::string(0x10000, ' ') + "\r\n";
        for (int i = 0; i < 20; ++i) chunked.send(chunk);
        expectClientError(chunked.readResponse(), "a 1.25 MiB chunked body", 413);
        // Through a normal client as well (the body is really sent).
        expectClientError(call("POST", "/api/suites", "{\"notes\":\"" + std::string(2 * 1024 * 1024, 'x') + "\"}"),
                          "a 2 MiB JSON body", 413);
        expectHostServes();
    }

    void unsupportedProtocolFeaturesGetTheirRfcAnswers() {
        // The two answers that are not 4xx, on purpose: RFC 9112 asks for 501
        // for a transfer coding the server does not implement and RFC 9110
        // for 505 for another major version. They are still envelopes, and
        // the host never counts them as its own errors (they never reach the
        // dispatcher, so neither the metrics nor the health check see them).
        expectEnvelope(RawHttpClient::exchange(host_->port(), "GET /health/live HTTP/2.0\r\n\r\n"), "HTTP/2.0", 505);
        expectEnvelope(RawHttpClient::exchange(host_->port(), "GET /health/live HTTP/0.9\r\n\r\n"), "HTTP/0.9", 505);
        expectEnvelope(RawHttpClient::exchange(host_->port(), "POST /api/suites HTTP/1.1\r\nTransfer-Encoding: gzip, "
                                                              "chunked\r\n\r\n0\r\n\r\n"),
                       "Transfer-Encoding gzip", 501);
        const auto errors = host_->request("GET", "/metrics/prometheus");
        CPPUNIT_ASSERT_MESSAGE(errors.body, errors.body.find("http_request_errors_total{") == std::string::npos);
        expectHostServes();
    }

    void garbageBytesNeverReachAHandler() {
        const std::vector<std::string> garbage{
            std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + std::string(200, '\xaa') +
                "\r\n\r\n",                     // TLS hello
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", // HTTP/2 preface
            std::string(3000, '\0') + "\r\n\r\n",
            "\xff\xfe\xfd\r\n\r\n",
            "SSH-2.0-OpenSSH_9.0\r\n\r\n",
        };
        for (const auto& bytes : garbage) {
            const auto result = RawHttpClient::exchange(host_->port(), bytes);
            // Either an error envelope or a closed connection; never a 2xx/5xx.
            if (result.status != 0 && result.status != 505) expectClientError(result, escaped(bytes.substr(0, 24)));
        }
        expectHostServes();
    }

    void aConnectionWithABrokenRequestIsClosed() {
        // After a framing error the rest of the stream cannot be trusted: a
        // smuggled second request must not be answered.
        RawHttpClient client(host_->port());
        client.send("GET /health/live HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"
                    "GET /health/ready HTTP/1.1\r\n\r\n");
        expectClientError(client.readResponse(), "conflicting lengths then a second request", 400);
        CPPUNIT_ASSERT(client.closedByPeer(std::chrono::seconds(5)));
        expectHostServes();
    }

private:
    static std::string escaped(const std::string& bytes) {
        std::string out;
        for (const char c : bytes) {
            const auto u = static_cast<unsigned char>(c);
            if (u >= 0x20 && u < 0x7f)
                out += c;
            else if (c == '\r')
                out += "\\r";
            else if (c == '\n')
                out += "\\n";
            else
                out += "\\x" + std::string(1, "0123456789abcdef"[u >> 4]) + "0123456789abcdef"[u & 15];
        }
        return out.size() > 200 ? out.substr(0, 200) + "..." : out;
    }

    static void expectEnvelope(const HttpResult& result, const std::string& what, int status) {
        const std::string context = what + " -> " + std::to_string(result.status) + " " + result.body;
        CPPUNIT_ASSERT_EQUAL_MESSAGE(context, status, result.status);
        const auto envelope = result.json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(context, status, envelope->getValue<int>("statusCode"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MalformedHttpTest);

} // namespace motel::test
