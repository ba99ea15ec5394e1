// RFC 6455 pieces of the realtime plugin: the handshake key, frame parsing
// (masking, fragments, control frames, limits) and an adopted connection on
// the host's event loop (the test kit's), including the client that stops reading.
#include "WebSocketPeer.h"

#include "ManualClock.h"
#include "TestLoops.h"
#include "websocket/WebSocketConnection.h"
#include "websocket/WebSocketFrame.h"
#include "websocket/WebSocketFrameParser.h"
#include "websocket/WebSocketHandshake.h"
#include "websocket/Utf8.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <future>
#include <memory>
#include <vector>

namespace motel::realtime {

using test::WebSocketPeer;

class WebSocketTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(WebSocketTest);
    CPPUNIT_TEST(acceptKeyMatchesTheRfcExample);
    CPPUNIT_TEST(handshakeChecksTheUpgradeRequest);
    CPPUNIT_TEST(parserUnmasksFramesSplitAnywhere);
    CPPUNIT_TEST(parserJoinsFragmentsAroundControlFrames);
    CPPUNIT_TEST(parserRejectsBrokenFrames);
    CPPUNIT_TEST(utf8IsCheckedAsRfc3629Says);
    CPPUNIT_TEST(invalidUtf8InATextMessageIs1007);
    CPPUNIT_TEST(connectionClosesWith1007OnInvalidText);
    CPPUNIT_TEST(serverFramesUseAllLengthForms);
    CPPUNIT_TEST(connectionEchoesAndAnswersPingsAndClose);
    CPPUNIT_TEST(clientThatStopsReadingIsDropped);
    CPPUNIT_TEST(framesBehindAPartialWriteKeepTheirOrder);
    CPPUNIT_TEST(aFailedWriteReportsTheCloseOnALaterTurn);
    CPPUNIT_TEST_SUITE_END();

public:
    void acceptKeyMatchesTheRfcExample() {
        CPPUNIT_ASSERT_EQUAL(std::string("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
                             WebSocketHandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    void handshakeChecksTheUpgradeRequest() {
        sdk::Request request;
        request.method = "GET";
        request.headers = {{"Upgrade", "websocket"},
                           {"Connection", "keep-alive, Upgrade"},
                           {"Sec-WebSocket-Version", "13"},
                           {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
        CPPUNIT_ASSERT(WebSocketHandshake::problemWith(request).empty());
        sdk::Response response;
        WebSocketHandshake::accept(request, response);
        CPPUNIT_ASSERT_EQUAL(101, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), response.header("Sec-WebSocket-Accept"));
        request.headers[2].second = "8";
        CPPUNIT_ASSERT(!WebSocketHandshake::problemWith(request).empty());
    }

    void parserUnmasksFramesSplitAnywhere() {
        const std::string big(70000, 'x');
        const std::string wire = WebSocketPeer::maskedFrame(1, "4hello") + WebSocketPeer::maskedFrame(2, "\x01\x02") +
                                 WebSocketPeer::maskedFrame(1, big) +
                                 WebSocketPeer::maskedFrame(1, std::string(300, 'y'));
        for (std::size_t step : {std::size_t(1), std::size_t(7), wire.size()}) {
            WebSocketFrameParser parser(1000000);
            std::vector<WebSocketFrameParser::Message> messages;
            for (std::size_t at = 0; at < wire.size(); at += step) {
                parser.feed(wire.data() + at, std::min(step, wire.size() - at),
                            [&messages](WebSocketFrameParser::Message&& m) { messages.push_back(std::move(m)); });
            }
            CPPUNIT_ASSERT_EQUAL(std::size_t(4), messages.size());
            CPPUNIT_ASSERT_EQUAL(std::string("4hello"), messages[0].payload);
            CPPUNIT_ASSERT(messages[1].opcode == WebSocketOpcode::binary);
            CPPUNIT_ASSERT_EQUAL(big, messages[2].payload);
            CPPUNIT_ASSERT_EQUAL(std::size_t(300), messages[3].payload.size());
        }
    }

    void parserJoinsFragmentsAroundControlFrames() {
        const std::string wire = WebSocketPeer::maskedFrame(1, "4hel", false) + WebSocketPeer::maskedFrame(9, "p") +
                                 WebSocketPeer::maskedFrame(0, "lo", true);
        WebSocketFrameParser parser(100);
        std::vector<WebSocketFrameParser::Message> messages;
        parser.feed(wire.data(), wire.size(),
                    [&messages](WebSocketFrameParser::Message&& m) { messages.push_back(std::move(m)); });
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), messages.size());
        CPPUNIT_ASSERT(messages[0].opcode == WebSocketOpcode::ping);
        CPPUNIT_ASSERT_EQUAL(std::string("4hello"), messages[1].payload);
    }

    void parserRejectsBrokenFrames() {
        const auto fails = [](const std::string& wire, std::uint16_t code) {
            WebSocketFrameParser parser(10);
            try {
                parser.feed(wire.data(), wire.size(), [](WebSocketFrameParser::Message&&) {});
            } catch (const WebSocketProtocolError& error) {
                return error.code() == code;
            }
            return false;
        };
        CPPUNIT_ASSERT(fails(WebSocketFrame::encode(WebSocketOpcode::text, "unmasked"), closecode::protocolError));
        CPPUNIT_ASSERT(fails(WebSocketPeer::maskedFrame(1, std::string(11, 'a')), closecode::tooBig));
        CPPUNIT_ASSERT(fails(WebSocketPeer::maskedFrame(1, "123456", false) + WebSocketPeer::maskedFrame(0, "123456"),
                             closecode::tooBig));
        CPPUNIT_ASSERT(fails(WebSocketPeer::maskedFrame(0, "a"), closecode::protocolError));
        CPPUNIT_ASSERT(fails(WebSocketPeer::maskedFrame(9, "a", false), closecode::protocolError));
        CPPUNIT_ASSERT(fails(WebSocketPeer::maskedFrame(3, "a"), closecode::protocolError));
    }

    void utf8IsCheckedAsRfc3629Says() {
        for (const char* good : {"", "plain", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xed\x9f\xbf",
                                 "\xf4\x8f\xbf\xbf", "\xef\xbf\xbf"})
            CPPUNIT_ASSERT_MESSAGE(good, Utf8::isValid(good));
        for (const char* bad :
             {"\xff", "\x80", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf0\x80\x80\xaf",
              "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "caf\xc3", "\xe2\x82", "\xe2\x28\xa1", "ok\xfe"})
            CPPUNIT_ASSERT_MESSAGE(bad, !Utf8::isValid(bad));
    }

    void invalidUtf8InATextMessageIs1007() {
        const auto fails = [](const std::string& wire) {
            WebSocketFrameParser parser(100);
            try {
                parser.feed(wire.data(), wire.size(), [](WebSocketFrameParser::Message&&) {});
            } catch (const WebSocketProtocolError& error) {
                return error.code() == closecode::invalidPayload;
            }
            return false;
        };
        CPPUNIT_ASSERT(fails(WebSocketPeer::maskedFrame(1, "4\xff")));
        CPPUNIT_ASSERT(fails(WebSocketPeer::maskedFrame(1, "4\xc3", false) + WebSocketPeer::maskedFrame(0, "(")));
        CPPUNIT_ASSERT(fails(WebSocketPeer::maskedFrame(8, std::string("\x03\xe8\xff", 3))));
        // Binary messages carry any bytes; a character split across fragments is fine.
        CPPUNIT_ASSERT(!fails(WebSocketPeer::maskedFrame(2, "\xff\xfe")));
        CPPUNIT_ASSERT(!fails(WebSocketPeer::maskedFrame(1, "4\xc3", false) + WebSocketPeer::maskedFrame(0, "\xa9")));
    }

    void connectionClosesWith1007OnInvalidText() {
        test::TestLoops loops(1);
        loops.start();
        IoLoop& loop = loops.at(0);
        WebSocketPeer peer;
        std::promise<std::string> closed;
        std::atomic<int> delivered{0};
        const int fd = peer.takeServerFd();
        std::shared_ptr<WebSocketConnection> connection;
        loop.post([&] {
            connection = std::make_shared<WebSocketConnection>(loop, fd, WebSocketConnection::Limits{});
            connection->setHandlers([&delivered](bool, std::string) { ++delivered; },
                                    [&closed](const std::string& reason) { closed.set_value(reason); });
            connection->open("");
        });
        peer.sendText("4\xc3\x28");
        const auto frame = peer.read();
        CPPUNIT_ASSERT_EQUAL(std::uint8_t(8), frame->opcode);
        CPPUNIT_ASSERT_EQUAL(std::string("\x03\xef", 2), frame->payload.substr(0, 2)); // 1007
        CPPUNIT_ASSERT(peer.waitForEof());
        auto reason = closed.get_future();
        CPPUNIT_ASSERT(reason.wait_for(std::chrono::seconds(2)) == std::future_status::ready);
        CPPUNIT_ASSERT_EQUAL(0, delivered.load());
        loop.post([&] { connection.reset(); });
        loops.stop();
    }

    void serverFramesUseAllLengthForms() {
        CPPUNIT_ASSERT_EQUAL(std::size_t(2 + 125),
                             WebSocketFrame::encode(WebSocketOpcode::text, std::string(125, 'a')).size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(4 + 126),
                             WebSocketFrame::encode(WebSocketOpcode::text, std::string(126, 'a')).size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(10 + 65536),
                             WebSocketFrame::encode(WebSocketOpcode::binary, std::string(65536, 'a')).size());
        CPPUNIT_ASSERT_EQUAL(std::string("\x88\x02\x03\xe8", 4), WebSocketFrame::close(1000));
    }

    void connectionEchoesAndAnswersPingsAndClose() {
        test::TestLoops loops(1);
        loops.start();
        IoLoop& loop = loops.at(0);
        WebSocketPeer peer;
        std::promise<std::string> closed;
        const int fd = peer.takeServerFd();
        std::shared_ptr<WebSocketConnection> connection;
        loop.post([&] {
            connection = std::make_shared<WebSocketConnection>(loop, fd, WebSocketConnection::Limits{});
            WebSocketConnection* raw = connection.get();
            connection->setHandlers(
                [raw](bool binary, std::string payload) {
                    if (!binary) raw->sendText("echo:" + payload);
                },
                [&closed](const std::string& reason) { closed.set_value(reason); });
            // Bytes the host had read past the upgrade request count as received.
            connection->open(WebSocketPeer::maskedFrame(1, "early"));
        });
        CPPUNIT_ASSERT_EQUAL(std::string("echo:early"), peer.read()->payload);
        peer.sendText("hi");
        CPPUNIT_ASSERT_EQUAL(std::string("echo:hi"), peer.read()->payload);
        peer.send(9, "beat");
        const auto pong = peer.read();
        CPPUNIT_ASSERT_EQUAL(std::uint8_t(0xA), pong->opcode);
        CPPUNIT_ASSERT_EQUAL(std::string("beat"), pong->payload);
        peer.send(8, std::string("\x03\xe8", 2));
        CPPUNIT_ASSERT_EQUAL(std::uint8_t(8), peer.read()->opcode);
        auto reason = closed.get_future();
        CPPUNIT_ASSERT(reason.wait_for(std::chrono::seconds(2)) == std::future_status::ready);
        CPPUNIT_ASSERT_EQUAL(std::string("transport close"), reason.get());
        CPPUNIT_ASSERT(peer.waitForEof());
        loop.post([&] { connection.reset(); });
        loops.stop();
    }

    void clientThatStopsReadingIsDropped() {
        test::ManualClock clock;
        test::TestLoops loops(1, clock.source());
        loops.start();
        IoLoop& loop = loops.at(0);
        WebSocketPeer slow;
        WebSocketPeer fast;
        std::promise<std::string> slowClosed;
        std::vector<std::shared_ptr<WebSocketConnection>> connections;
        const int slowFd = slow.takeServerFd();
        const int fastFd = fast.takeServerFd();
        WebSocketConnection::Limits limits;
        limits.sendTimeout = std::chrono::seconds(10);
        limits.maxQueuedBytes = 64u << 20;
        loop.post([&] {
            for (int fd : {slowFd, fastFd}) {
                auto connection = std::make_shared<WebSocketConnection>(loop, fd, limits);
                connection->setHandlers([](bool, std::string) {},
                                        [&slowClosed, fd, slowFd](const std::string& reason) {
                                            if (fd == slowFd) slowClosed.set_value(reason);
                                        });
                connection->open("");
                connections.push_back(connection);
            }
            // A shared frame far bigger than the socket buffers: the slow peer never drains it.
            auto frame = std::make_shared<const std::string>(
                WebSocketFrame::encode(WebSocketOpcode::binary, std::string(8u << 20, 'z')));
            for (auto& connection : connections) connection->sendFrame(frame);
        });
        std::size_t received = 0;
        while (received < (8u << 20)) {
            auto frame = fast.read(std::chrono::seconds(5));
            CPPUNIT_ASSERT(frame);
            received += frame->payload.size();
        }
        // The slow peer has taken no byte since the frame was first written:
        // it stays until the loop's clock passes the send timeout, not a moment longer.
        auto reason = slowClosed.get_future();
        loops.settle();
        clock.advance(limits.sendTimeout - std::chrono::milliseconds(1));
        loops.runDueTimers();
        CPPUNIT_ASSERT(reason.wait_for(std::chrono::milliseconds(0)) == std::future_status::timeout);
        clock.advance(std::chrono::milliseconds(1));
        loops.runDueTimers();
        CPPUNIT_ASSERT(reason.wait_for(std::chrono::seconds(3)) == std::future_status::ready);
        CPPUNIT_ASSERT_EQUAL(std::string("send timeout"), reason.get());
        loop.post([&] { connections.clear(); });
        loops.stop();
    }

    void framesBehindAPartialWriteKeepTheirOrder() {
        test::TestLoops loops(1);
        loops.start();
        IoLoop& loop = loops.at(0);
        WebSocketPeer peer;
        const int fd = peer.takeServerFd();
        std::shared_ptr<WebSocketConnection> connection;
        const std::string big(4u << 20, 'z');
        loop.post([&] {
            connection = std::make_shared<WebSocketConnection>(loop, fd, WebSocketConnection::Limits{});
            connection->setHandlers([](bool, std::string) {}, [](const std::string&) {});
            connection->open("");
            // The big one is written in part at once; the rest of it and the
            // small ones wait for `writable`, in the order they were sent.
            connection->sendFrame(
                std::make_shared<const std::string>(WebSocketFrame::encode(WebSocketOpcode::binary, big)));
            for (const char* text : {"a", "b", "c"}) connection->sendText(text);
        });
        auto first = peer.read(std::chrono::seconds(5));
        CPPUNIT_ASSERT(first);
        CPPUNIT_ASSERT(first->payload == big);
        for (const char* text : {"a", "b", "c"}) {
            auto frame = peer.read();
            CPPUNIT_ASSERT(frame);
            CPPUNIT_ASSERT_EQUAL(std::string(text), frame->payload);
        }
        loop.post([&] { connection.reset(); });
        loops.stop();
    }

    // A broadcast walks a room and sends to each socket; a send that fails
    // must not run the close handler (which destroys the socket and changes
    // that room) inside the walk, nor raise SIGPIPE.
    void aFailedWriteReportsTheCloseOnALaterTurn() {
        test::TestLoops loops(1);
        loops.start();
        IoLoop& loop = loops.at(0);
        auto peer = std::make_unique<WebSocketPeer>();
        const int fd = peer->takeServerFd();
        std::shared_ptr<WebSocketConnection> connection;
        std::promise<std::string> closed;
        bool sending = false;
        std::atomic<bool> closedWhileSending{false};
        std::atomic<bool> openAfterSend{true};
        loop.post([&] {
            connection = std::make_shared<WebSocketConnection>(loop, fd, WebSocketConnection::Limits{});
            connection->setHandlers([](bool, std::string) {},
                                    [&](const std::string& reason) {
                                        if (sending) closedWhileSending = true;
                                        closed.set_value(reason);
                                    });
            connection->open("");
            peer.reset(); // the client is gone before the loop hears of it
            sending = true;
            connection->sendText("42[\"suite:created\",{}]");
            sending = false;
            openAfterSend = connection->isOpen();
        });
        auto reason = closed.get_future();
        CPPUNIT_ASSERT(reason.wait_for(std::chrono::seconds(2)) == std::future_status::ready);
        CPPUNIT_ASSERT_EQUAL(std::string("transport error"), reason.get());
        CPPUNIT_ASSERT(!closedWhileSending);
        CPPUNIT_ASSERT(!openAfterSend);
        loop.post([&] { connection.reset(); });
        loops.stop();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WebSocketTest);

} // namespace motel::realtime
