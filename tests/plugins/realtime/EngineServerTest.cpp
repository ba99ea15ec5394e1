// The Engine.IO server of the realtime plugin driven through its route
// handler (no host: polling answers are waited for in the handler) and
// through adopted socketpair WebSockets: handshake, every error the
// specification names, polling payloads, heartbeat, close and upgrade. The
// loops run on a ManualClock: heartbeat limits are crossed by advancing it.
#include "TestLoops.h"
#include "ManualClock.h"
#include "WebSocketPeer.h"

#include "application/EngineEcho.h"
#include "engine/EngineServer.h"
#include "json/JsonText.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::realtime {

using test::ManualClock;
using test::WebSocketPeer;

namespace {

sdk::Request requestFor(const std::string& method, const std::string& query, const std::string& body = "") {
    sdk::Request request;
    request.method = method;
    request.path = "/engine.io/";
    std::size_t start = 0;
    while (start < query.size()) {
        const std::size_t end = query.find('&', start);
        const std::string pair = query.substr(start, end - start);
        const std::size_t eq = pair.find('=');
        request.query.emplace_back(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    request.body = body;
    return request;
}

} // namespace

class EngineServerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EngineServerTest);
    CPPUNIT_TEST(pollingHandshakeOpensASession);
    CPPUNIT_TEST(badRequestsGetTheSpecifiedErrors);
    CPPUNIT_TEST(pollingCarriesTextAndBinaryPackets);
    CPPUNIT_TEST(malformedPostClosesTheSession);
    CPPUNIT_TEST(serverPingsAndClosesWithoutPong);
    CPPUNIT_TEST(clientCloseEndsTheSession);
    CPPUNIT_TEST(webSocketSessionEchoes);
    CPPUNIT_TEST(webSocketWithoutPongIsClosed);
    CPPUNIT_TEST(pollingUpgradesToWebSocket);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        options_.pingInterval = std::chrono::milliseconds(5000);
        options_.pingTimeout = std::chrono::milliseconds(5000);
        start();
    }

    void tearDown() override {
        server_->closeAll();
        loops_->stop();
        server_.reset();
        loops_.reset();
    }

    void pollingHandshakeOpensASession() {
        const auto response = call("GET", "EIO=4&transport=polling");
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL('0', response.body.at(0));
        const auto open = JsonText::parse(response.body.substr(1)).extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), open->size());
        CPPUNIT_ASSERT_EQUAL(std::string(R"(["websocket"])"), JsonText::write(open->get("upgrades")));
        CPPUNIT_ASSERT_EQUAL(5000, open->getValue<int>("pingInterval"));
        CPPUNIT_ASSERT_EQUAL(1000000, open->getValue<int>("maxPayload"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), server_->sessionCount());
    }

    void badRequestsGetTheSpecifiedErrors() {
        expectError(call("GET", "transport=polling"), 5, "Unsupported protocol version");
        expectError(call("GET", "EIO=3&transport=polling"), 5, "Unsupported protocol version");
        expectError(call("GET", "EIO=4"), 0, "Transport unknown");
        expectError(call("GET", "EIO=4&transport=abc"), 0, "Transport unknown");
        expectError(call("POST", "EIO=4&transport=polling"), 2, "Bad handshake method");
        expectError(call("PUT", "EIO=4&transport=polling"), 2, "Bad handshake method");
        expectError(call("GET", "EIO=4&transport=polling&sid=bogus"), 1, "Session ID unknown");
        expectError(call("GET", "EIO=4&transport=websocket"), 3, "Bad request"); // no Upgrade header
    }

    void pollingCarriesTextAndBinaryPackets() {
        const std::string sid = handshake();
        const auto push = call("POST", "EIO=4&transport=polling&sid=" + sid,
                               "4hello\x1e"
                               "bAQIDBA==");
        CPPUNIT_ASSERT_EQUAL(200, push.status);
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), push.body);
        const auto poll = call("GET", "EIO=4&transport=polling&sid=" + sid);
        CPPUNIT_ASSERT_EQUAL(200, poll.status);
        CPPUNIT_ASSERT_EQUAL(std::string("4hello\x1e"
                                         "bAQIDBA=="),
                             poll.body);
        CPPUNIT_ASSERT_EQUAL(std::string("text/plain; charset=UTF-8"), poll.header("Content-Type"));
    }

    void malformedPostClosesTheSession() {
        const std::string sid = handshake();
        CPPUNIT_ASSERT_EQUAL(400, call("POST", "EIO=4&transport=polling&sid=" + sid, "abc").status);
        expectError(call("GET", "EIO=4&transport=polling&sid=" + sid), 1, "Session ID unknown");
    }

    void serverPingsAndClosesWithoutPong() {
        restartWith(std::chrono::milliseconds(100), std::chrono::milliseconds(100));
        const std::string sid = handshake();
        for (int i = 0; i < 3; ++i) {
            advance(std::chrono::milliseconds(100));
            const auto poll = call("GET", "EIO=4&transport=polling&sid=" + sid);
            CPPUNIT_ASSERT_EQUAL(std::string("2"), poll.body);
            CPPUNIT_ASSERT_EQUAL(200, call("POST", "EIO=4&transport=polling&sid=" + sid, "3").status);
        }
        advance(std::chrono::milliseconds(100)); // a ping nobody answers
        advance(std::chrono::milliseconds(99));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), call("GET", "EIO=4&transport=polling&sid=" + sid).body);
        advance(std::chrono::milliseconds(1)); // the pong timeout is over
        expectError(call("GET", "EIO=4&transport=polling&sid=" + sid), 1, "Session ID unknown");
    }

    void clientCloseEndsTheSession() {
        const std::string sid = handshake();
        CPPUNIT_ASSERT_EQUAL(200, call("POST", "EIO=4&transport=polling&sid=" + sid, "1").status);
        expectError(call("GET", "EIO=4&transport=polling&sid=" + sid), 1, "Session ID unknown");
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), server_->sessionCount());
    }

    void webSocketSessionEchoes() {
        WebSocketPeer peer;
        server_->adoptWebSocket(peer.takeServerFd(), "", "");
        const auto open = peer.read();
        CPPUNIT_ASSERT(open);
        CPPUNIT_ASSERT_EQUAL('0', open->payload.at(0));
        CPPUNIT_ASSERT(open->payload.find(R"("upgrades":[])") != std::string::npos);
        peer.sendText("4hello");
        CPPUNIT_ASSERT_EQUAL(std::string("4hello"), peer.read()->payload);
        peer.sendBinary("\x01\x02");
        const auto binary = peer.read();
        CPPUNIT_ASSERT_EQUAL(std::uint8_t(2), binary->opcode);
        CPPUNIT_ASSERT_EQUAL(std::string("\x01\x02"), binary->payload);
        peer.sendText("abc"); // not an Engine.IO packet: the session closes
        CPPUNIT_ASSERT(peer.waitForEof());
    }

    void webSocketWithoutPongIsClosed() {
        restartWith(std::chrono::milliseconds(100), std::chrono::milliseconds(100));
        WebSocketPeer peer;
        server_->adoptWebSocket(peer.takeServerFd(), "", "");
        CPPUNIT_ASSERT(peer.read()); // the open packet: the session's timers run from here
        advance(std::chrono::milliseconds(100));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), peer.read()->payload);
        advance(std::chrono::milliseconds(99));
        CPPUNIT_ASSERT(!peer.waitForEof(std::chrono::milliseconds(0)));
        advance(std::chrono::milliseconds(1));
        CPPUNIT_ASSERT(peer.waitForEof());
    }

    void pollingUpgradesToWebSocket() {
        const std::string sid = handshake();
        WebSocketPeer peer;
        server_->adoptWebSocket(peer.takeServerFd(), "", sid);
        peer.sendText("2probe");
        CPPUNIT_ASSERT_EQUAL(std::string("3probe"), peer.read()->payload);
        CPPUNIT_ASSERT_EQUAL(std::string("6"), call("GET", "EIO=4&transport=polling&sid=" + sid).body);
        peer.sendText("5");
        peer.sendText("4hello");
        CPPUNIT_ASSERT_EQUAL(std::string("4hello"), peer.read()->payload);
        expectError(call("GET", "EIO=4&transport=polling&sid=" + sid), 3, "Bad request");
        WebSocketPeer second; // a second WebSocket for an upgraded session is accepted, then closed
        server_->adoptWebSocket(second.takeServerFd(), "", sid);
        CPPUNIT_ASSERT(second.waitForEof());
        peer.sendText("4still here");
        CPPUNIT_ASSERT_EQUAL(std::string("4still here"), peer.read()->payload);
    }

private:
    void start() {
        loops_ = std::make_unique<test::TestLoops>(2, clock_.source());
        server_ = std::make_unique<EngineServer>(
            options_, *loops_, [](EngineSession&) { return std::make_unique<EngineEcho>(); }, CorsHeaders());
        loops_->start();
    }

    void restartWith(std::chrono::milliseconds interval, std::chrono::milliseconds timeout) {
        tearDown();
        options_.pingInterval = interval;
        options_.pingTimeout = timeout;
        start();
    }

    /// Moves the loops' clock (once they finished what they were doing, so a
    /// timer being armed is armed on the old time) and waits until every
    /// loop has run the timers that came due.
    void advance(std::chrono::milliseconds by) {
        loops_->settle();
        clock_.advance(by);
        loops_->runDueTimers();
    }

    sdk::Response call(const std::string& method, const std::string& query, const std::string& body = "") {
        sdk::Response response;
        server_->handle(requestFor(method, query, body), response);
        return response;
    }

    std::string handshake() {
        const auto response = call("GET", "EIO=4&transport=polling");
        return JsonText::parse(response.body.substr(1))
            .extract<Poco::JSON::Object::Ptr>()
            ->getValue<std::string>("sid");
    }

    static void expectError(const sdk::Response& response, int code, const std::string& message) {
        CPPUNIT_ASSERT_EQUAL(400, response.status);
        CPPUNIT_ASSERT_EQUAL("{\"code\":" + std::to_string(code) + ",\"message\":\"" + message + "\"}", response.body);
    }

    ManualClock clock_;
    EngineOptions options_;
    std::unique_ptr<test::TestLoops> loops_;
    std::unique_ptr<EngineServer> server_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(EngineServerTest);

} // namespace motel::realtime
