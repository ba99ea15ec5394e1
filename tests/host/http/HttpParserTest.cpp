// HttpParser: requests fed whole, in pieces and byte by byte; chunked
// bodies; pipelining; and every way a request can be refused.
#include "http/HttpParser.h"

#include <cppunit/extensions/HelperMacros.h>

#include <string>

using motel::host::HttpParser;
using motel::host::HttpParserLimits;
using motel::host::ParsedRequest;
using Event = HttpParser::Event;

namespace {

/// Feeds `input` in pieces of `step` bytes (0 = all at once) until the request
/// completes or fails; returns the final event.
Event feedInSteps(HttpParser& parser, const std::string& input, std::size_t step = 0) {
    std::size_t pos = 0;
    Event last = Event::needMore;
    while (pos < input.size()) {
        const std::size_t size = step == 0 ? input.size() - pos : std::min(step, input.size() - pos);
        std::size_t offset = 0;
        while (offset < size) {
            const auto progress = parser.feed(input.data() + pos + offset, size - offset);
            offset += progress.consumed;
            last = progress.event;
            if (last == Event::messageComplete || last == Event::error) return last;
            if (last == Event::needMore) break;
        }
        pos += size;
    }
    return last;
}

std::string headerOf(const ParsedRequest& request, const std::string& name) {
    for (const auto& [key, value] : request.headers)
        if (key == name) return value;
    return "<absent>";
}

} // namespace

class HttpParserTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HttpParserTest);
    CPPUNIT_TEST(parsesASimpleGet);
    CPPUNIT_TEST(parsesTheSameRequestByteByByte);
    CPPUNIT_TEST(readsAContentLengthBodyAfterTheHead);
    CPPUNIT_TEST(decodesChunkedBodiesWithExtensionsAndTrailers);
    CPPUNIT_TEST(decodesChunkedBodiesByteByByte);
    CPPUNIT_TEST(leavesPipelinedRequestsUnconsumed);
    CPPUNIT_TEST(decidesKeepAliveFromVersionAndConnection);
    CPPUNIT_TEST(notesExpectContinue);
    CPPUNIT_TEST(acceptsBareLineFeedsAndLeadingEmptyLines);
    CPPUNIT_TEST(tracksWhetherARequestStarted);
    CPPUNIT_TEST(rejectsMalformedRequestLines);
    CPPUNIT_TEST(rejectsUnsupportedVersionsWith505);
    CPPUNIT_TEST(rejectsMalformedHeaders);
    CPPUNIT_TEST(rejectsBadContentLengths);
    CPPUNIT_TEST(rejectsAmbiguousOrUnknownTransferEncodings);
    CPPUNIT_TEST(rejectsBodiesOverTheLimitBeforeReadingThem);
    CPPUNIT_TEST(rejectsChunkedBodiesOverTheLimit);
    CPPUNIT_TEST(rejectsMalformedChunks);
    CPPUNIT_TEST(rejectsHeadsOverTheLimitWith431);
    CPPUNIT_TEST(acceptsAHeadOfExactlyTheLimit);
    CPPUNIT_TEST(rejectsTooManyHeaders);
    CPPUNIT_TEST(staysFailedAfterAnError);
    CPPUNIT_TEST_SUITE_END();

public:
    void parsesASimpleGet() {
        HttpParser parser;
        const std::string input =
            "GET /api/suites?limit=5 HTTP/1.1\r\nHost: localhost\r\nX-Empty:\r\nAccept:  */*  \r\n\r\n";
        const auto progress = parser.feed(input);
        CPPUNIT_ASSERT(progress.event == Event::messageComplete);
        CPPUNIT_ASSERT_EQUAL(input.size(), progress.consumed);
        const ParsedRequest request = parser.take();
        CPPUNIT_ASSERT_EQUAL(std::string("GET"), request.method);
        CPPUNIT_ASSERT_EQUAL(std::string("/api/suites?limit=5"), request.target);
        CPPUNIT_ASSERT_EQUAL(1, request.minorVersion);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), request.headers.size());
        CPPUNIT_ASSERT_EQUAL(std::string("localhost"), headerOf(request, "Host"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), headerOf(request, "X-Empty"));
        CPPUNIT_ASSERT_EQUAL(std::string("*/*"), headerOf(request, "Accept"));
        CPPUNIT_ASSERT(request.keepAlive);
        CPPUNIT_ASSERT(!request.hasBody);
        CPPUNIT_ASSERT(request.body.empty());
    }

    void parsesTheSameRequestByteByByte() {
        HttpParser parser;
        const std::string input = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world";
        CPPUNIT_ASSERT(feedInSteps(parser, input, 1) == Event::messageComplete);
        const ParsedRequest request = parser.take();
        CPPUNIT_ASSERT_EQUAL(std::string("POST"), request.method);
        CPPUNIT_ASSERT_EQUAL(std::string("a"), headerOf(request, "Host"));
        CPPUNIT_ASSERT_EQUAL(std::string("hello world"), request.body);
    }

    void readsAContentLengthBodyAfterTheHead() {
        HttpParser parser;
        const std::string head = "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\n";
        const auto first = parser.feed(head + "he");
        CPPUNIT_ASSERT(first.event == Event::headersComplete);
        CPPUNIT_ASSERT_EQUAL(head.size(), first.consumed);
        CPPUNIT_ASSERT(parser.readingBody());
        CPPUNIT_ASSERT(parser.request().hasBody);
        const auto second = parser.feed("he");
        CPPUNIT_ASSERT(second.event == Event::needMore);
        const auto third = parser.feed("lloEXTRA");
        CPPUNIT_ASSERT(third.event == Event::messageComplete);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), third.consumed);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), parser.take().body);
    }

    void decodesChunkedBodiesWithExtensionsAndTrailers() {
        HttpParser parser;
        const std::string input = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "5;name=value\r\nhello\r\n"
                                  "1\r\n \r\n"
                                  "A \r\n0123456789\r\n"
                                  "0\r\nX-Trailer: yes\r\n\r\n";
        CPPUNIT_ASSERT(feedInSteps(parser, input) == Event::messageComplete);
        const ParsedRequest request = parser.take();
        CPPUNIT_ASSERT_EQUAL(std::string("hello 0123456789"), request.body);
        CPPUNIT_ASSERT(request.hasBody);
    }

    void decodesChunkedBodiesByteByByte() {
        HttpParser parser;
        const std::string input =
            "POST /x HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        CPPUNIT_ASSERT(feedInSteps(parser, input, 1) == Event::messageComplete);
        CPPUNIT_ASSERT_EQUAL(std::string("abcde"), parser.take().body);
    }

    void leavesPipelinedRequestsUnconsumed() {
        HttpParser parser;
        const std::string first = "GET /one HTTP/1.1\r\n\r\n";
        const std::string second = "POST /two HTTP/1.1\r\nContent-Length: 2\r\n\r\nok";
        const std::string input = first + second;
        const auto progress = parser.feed(input);
        CPPUNIT_ASSERT(progress.event == Event::messageComplete);
        CPPUNIT_ASSERT_EQUAL(first.size(), progress.consumed);
        CPPUNIT_ASSERT_EQUAL(std::string("/one"), parser.take().target);
        CPPUNIT_ASSERT(feedInSteps(parser, input.substr(progress.consumed)) == Event::messageComplete);
        const ParsedRequest two = parser.take();
        CPPUNIT_ASSERT_EQUAL(std::string("/two"), two.target);
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), two.body);
    }

    void decidesKeepAliveFromVersionAndConnection() {
        CPPUNIT_ASSERT(parse("GET / HTTP/1.1\r\n\r\n").keepAlive);
        CPPUNIT_ASSERT(!parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive);
        CPPUNIT_ASSERT(!parse("GET / HTTP/1.1\r\nConnection: Upgrade, Close\r\n\r\n").keepAlive);
        CPPUNIT_ASSERT(!parse("GET / HTTP/1.0\r\n\r\n").keepAlive);
        CPPUNIT_ASSERT(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive);
        CPPUNIT_ASSERT_EQUAL(0, parse("GET / HTTP/1.0\r\n\r\n").minorVersion);
    }

    void notesExpectContinue() {
        HttpParser parser;
        const auto progress = parser.feed("PUT /x HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n");
        CPPUNIT_ASSERT(progress.event == Event::headersComplete);
        CPPUNIT_ASSERT(parser.request().expectsContinue);
        CPPUNIT_ASSERT(!parse("GET / HTTP/1.1\r\n\r\n").expectsContinue);
    }

    void acceptsBareLineFeedsAndLeadingEmptyLines() {
        const ParsedRequest request = parse("\r\n\nGET /lf HTTP/1.1\nHost: a\n\n");
        CPPUNIT_ASSERT_EQUAL(std::string("/lf"), request.target);
        CPPUNIT_ASSERT_EQUAL(std::string("a"), headerOf(request, "Host"));
    }

    void tracksWhetherARequestStarted() {
        HttpParser parser;
        CPPUNIT_ASSERT(!parser.started());
        parser.feed("\r\n");
        CPPUNIT_ASSERT(!parser.started());
        parser.feed("G");
        CPPUNIT_ASSERT(parser.started());
        parser.feed("ET / HTTP/1.1\r\nHost: a\r\n");
        CPPUNIT_ASSERT(parser.started());
        CPPUNIT_ASSERT(!parser.readingBody());
    }

    void rejectsMalformedRequestLines() {
        for (const char* line :
             {"GET\r\n\r\n", "GET /\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1 \r\n\r\n",
              "GET / http/1.1\r\n\r\n", "GET / HTTP/1\r\n\r\n", "GET / HTTP/1.10\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n",
              "GET /a\x01 HTTP/1.1\r\n\r\n", " GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\rX\r\n\r\n"})
            assertRejected(line, 400);
    }

    void rejectsUnsupportedVersionsWith505() {
        assertRejected("GET / HTTP/2.0\r\n\r\n", 505);
        assertRejected("GET / HTTP/0.9\r\n\r\n", 505);
    }

    void rejectsMalformedHeaders() {
        assertRejected("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nName : value\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\n: value\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nA: b\r\n  folded\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n", 400);
        static const char withNul[] = "GET / HTTP/1.1\r\nA: b\0c\r\n\r\n";
        assertRejected(std::string(withNul, sizeof withNul - 1), 400);
        assertRejected("GET / HTTP/1.1\r\nA: b\x7f\r\n\r\n", 400);
    }

    void rejectsBadContentLengths() {
        assertRejected("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nContent-Length: 1,1\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400);
        // Repeating the same length is harmless.
        CPPUNIT_ASSERT_EQUAL(std::string("x"),
                             parse("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx").body);
    }

    void rejectsAmbiguousOrUnknownTransferEncodings() {
        assertRejected("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
        assertRejected("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501);
        assertRejected("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nTransfer-Encoding: \r\n\r\n", 400);
    }

    void rejectsBodiesOverTheLimitBeforeReadingThem() {
        HttpParserLimits limits;
        limits.maxBodyBytes = 10;
        HttpParser parser(limits);
        const auto progress = parser.feed("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n");
        CPPUNIT_ASSERT(progress.event == Event::error);
        CPPUNIT_ASSERT_EQUAL(413, parser.errorStatus());
        assertRejected("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413);

        HttpParser exact(limits);
        CPPUNIT_ASSERT(feedInSteps(exact, "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789") ==
                       Event::messageComplete);
    }

    void rejectsChunkedBodiesOverTheLimit() {
        HttpParserLimits limits;
        limits.maxBodyBytes = 10;
        HttpParser parser(limits);
        const std::string input =
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\nghijk\r\n0\r\n\r\n";
        CPPUNIT_ASSERT(feedInSteps(parser, input, 3) == Event::error);
        CPPUNIT_ASSERT_EQUAL(413, parser.errorStatus());
        assertRejected("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n", 413);
    }

    void rejectsMalformedChunks() {
        const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertRejected(head + "xyz\r\n", 400);
        assertRejected(head + "\r\n", 400);
        assertRejected(head + "3\r\nabcX\r\n", 400);
        assertRejected(head + "3 junk\r\nabc\r\n", 400);
        assertRejected(head + std::string(5000, '1'), 400);
    }

    void rejectsHeadsOverTheLimitWith431() {
        HttpParserLimits limits;
        limits.maxHeaderBytes = 100;
        HttpParser parser(limits);
        const std::string input = "GET / HTTP/1.1\r\nX-Long: " + std::string(200, 'a') + "\r\n\r\n";
        CPPUNIT_ASSERT(feedInSteps(parser, input, 7) == Event::error);
        CPPUNIT_ASSERT_EQUAL(431, parser.errorStatus());
        // A request line that never ends is refused too, without buffering it all.
        HttpParser endless(limits);
        CPPUNIT_ASSERT(feedInSteps(endless, "GET /" + std::string(1000, 'a')) == Event::error);
        CPPUNIT_ASSERT_EQUAL(431, endless.errorStatus());
    }

    void acceptsAHeadOfExactlyTheLimit() {
        const std::string input = "GET / HTTP/1.1\r\nX: " + std::string(10, 'a') + "\r\n\r\n";
        HttpParserLimits limits;
        limits.maxHeaderBytes = input.size();
        HttpParser parser(limits);
        CPPUNIT_ASSERT(parser.feed(input).event == Event::messageComplete);
        limits.maxHeaderBytes = input.size() - 1;
        HttpParser smaller(limits);
        CPPUNIT_ASSERT(smaller.feed(input).event == Event::error);
        CPPUNIT_ASSERT_EQUAL(431, smaller.errorStatus());
    }

    void rejectsTooManyHeaders() {
        HttpParserLimits limits;
        limits.maxHeaderCount = 3;
        HttpParser parser(limits);
        CPPUNIT_ASSERT(parser.feed("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n").event == Event::error);
        CPPUNIT_ASSERT_EQUAL(431, parser.errorStatus());
    }

    void staysFailedAfterAnError() {
        HttpParser parser;
        CPPUNIT_ASSERT(parser.feed("BAD\r\n").event == Event::error);
        CPPUNIT_ASSERT(parser.feed("GET / HTTP/1.1\r\n\r\n").event == Event::error);
        CPPUNIT_ASSERT(!parser.errorMessage().empty());
        parser.reset();
        CPPUNIT_ASSERT(parser.feed("GET / HTTP/1.1\r\n\r\n").event == Event::messageComplete);
    }

private:
    static ParsedRequest parse(const std::string& input) {
        HttpParser parser;
        const Event event = feedInSteps(parser, input);
        CPPUNIT_ASSERT_MESSAGE("not complete: " + input, event == Event::messageComplete);
        return parser.take();
    }

    static void assertRejected(const std::string& input, int status) {
        for (std::size_t step : {std::size_t(0), std::size_t(1)}) {
            HttpParser parser;
            const Event event = feedInSteps(parser, input, step);
            CPPUNIT_ASSERT_MESSAGE("accepted: " + input, event == Event::error);
            CPPUNIT_ASSERT_EQUAL_MESSAGE("status for: " + input, status, parser.errorStatus());
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpParserTest);
