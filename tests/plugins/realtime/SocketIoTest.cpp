// The Socket.IO layer over adopted WebSockets: the compliance namespaces of
// the official suite, the plugin's authenticated namespace with its rooms,
// broadcasts, acks both ways, and connection state recovery.
#include "ManualClock.h"
#include "TestLoops.h"
#include "TokenAuthenticator.h"
#include "WebSocketPeer.h"

#include "application/ComplianceApplication.h"
#include "application/MotelApplication.h"
#include "application/RealtimeStats.h"
#include "engine/EngineServer.h"
#include "json/JsonText.h"
#include "socketio/SocketIoServer.h"
#include "socketio/SocketIoSocket.h"
#include "socketio/SocketPacket.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <future>
#include <thread>

namespace motel::realtime {

using test::WebSocketPeer;

namespace {

std::string member(const std::string& json, const std::string& name) {
    return JsonText::parse(json).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>(name);
}

} // namespace

class SocketIoTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SocketIoTest);
    CPPUNIT_TEST(complianceNamespacesAnswerAsTheSuiteExpects);
    CPPUNIT_TEST(complianceEchoesBinaryEventsAndAcks);
    CPPUNIT_TEST(malformedPacketClosesTheConnection);
    CPPUNIT_TEST(noConnectWithinTimeoutClosesTheConnection);
    CPPUNIT_TEST(badTokenIsUnauthorized);
    CPPUNIT_TEST(oneUserHoldsAtMostTheCapOfSockets);
    CPPUNIT_TEST(broadcastReachesItsRoomOnly);
    CPPUNIT_TEST(acksWorkInBothDirections);
    CPPUNIT_TEST(droppedClientRecoversMissedEvents);
    CPPUNIT_TEST_SUITE_END();

public:
    void tearDown() override {
        if (engine_) engine_->closeAll();
        if (loops_) loops_->stop();
        engine_.reset();
        socketIo_.reset();
        loops_.reset();
    }

    void complianceNamespacesAnswerAsTheSuiteExpects() {
        startCompliance();
        WebSocketPeer peer;
        open(peer);
        peer.sendText("40");
        const std::string connected = peer.readTextSkippingPings();
        CPPUNIT_ASSERT_EQUAL(std::string("40"), connected.substr(0, 2));
        const auto handshake = JsonText::parse(connected.substr(2)).extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), handshake->size()); // only "sid": no recovery in compliance mode
        CPPUNIT_ASSERT_EQUAL(std::string(R"(42["auth",{}])"), peer.readTextSkippingPings());
        peer.sendText(R"(40/custom,{"token":"abc"})");
        CPPUNIT_ASSERT_EQUAL(std::string("40/custom,"), peer.readTextSkippingPings().substr(0, 10));
        CPPUNIT_ASSERT_EQUAL(std::string(R"(42/custom,["auth",{"token":"abc"}])"), peer.readTextSkippingPings());
        peer.sendText("40/random");
        CPPUNIT_ASSERT_EQUAL(std::string(R"(44/random,{"message":"Invalid namespace"})"), peer.readTextSkippingPings());
        peer.sendText("41/custom");
        peer.sendText(R"(42["message",1,"2",{"3":[true]}])");
        CPPUNIT_ASSERT_EQUAL(std::string(R"(42["message-back",1,"2",{"3":[true]}])"), peer.readTextSkippingPings());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), stats_.connections());
    }

    void complianceEchoesBinaryEventsAndAcks() {
        startCompliance();
        WebSocketPeer peer;
        connectRoot(peer, "40");
        peer.sendText(R"(452-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
        peer.sendBinary("\x01\x02\x03");
        peer.sendBinary("\x04\x05\x06");
        CPPUNIT_ASSERT_EQUAL(std::string(R"(462-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"),
                             peer.readTextSkippingPings());
        CPPUNIT_ASSERT_EQUAL(std::string("\x01\x02\x03"), peer.read()->payload);
        CPPUNIT_ASSERT_EQUAL(std::string("\x04\x05\x06"), peer.read()->payload);
        peer.sendText(R"(42456["message-with-ack",1,"2",{"3":[false]}])");
        CPPUNIT_ASSERT_EQUAL(std::string(R"(43456[1,"2",{"3":[false]}])"), peer.readTextSkippingPings());
    }

    void malformedPacketClosesTheConnection() {
        startCompliance();
        for (const std::string bad : {"4abc", "42{}", R"(42abc["message-with-ack",1])"}) {
            WebSocketPeer peer;
            connectRoot(peer, "40");
            peer.sendText(bad);
            CPPUNIT_ASSERT_MESSAGE(bad, peer.waitForEof());
        }
    }

    void noConnectWithinTimeoutClosesTheConnection() {
        options_.connectTimeout = std::chrono::seconds(45);
        startCompliance();
        WebSocketPeer peer;
        open(peer);
        loops_->settle(); // the connect timer is armed on the loop that sent the open packet
        clock_.advance(options_.connectTimeout - std::chrono::milliseconds(1));
        loops_->runDueTimers();
        CPPUNIT_ASSERT(!peer.waitForEof(std::chrono::milliseconds(100))); // still open: the limit is the clock's
        clock_.advance(std::chrono::milliseconds(1));
        loops_->runDueTimers();
        CPPUNIT_ASSERT(peer.waitForEof());
    }

    void badTokenIsUnauthorized() {
        startMotel();
        for (const std::string connect : {"40", R"(40{"token":"forged"})", R"(40{"token":42})"}) {
            WebSocketPeer peer;
            open(peer);
            peer.sendText(connect);
            CPPUNIT_ASSERT_EQUAL(std::string(R"(44{"message":"Unauthorized"})"), peer.readTextSkippingPings());
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), stats_.connections());
    }

    void oneUserHoldsAtMostTheCapOfSockets() {
        options_.maxSocketsPerUser = 2;
        startMotel();
        WebSocketPeer first, second, third, other;
        connectRoot(first, R"(40{"token":"token-7-staff"})");
        connectRoot(second, R"(40{"token":"token-7-staff"})");
        open(third);
        third.sendText(R"(40{"token":"token-7-staff"})");
        CPPUNIT_ASSERT_EQUAL(std::string(R"(44{"message":"Too many connections for this user"})"),
                             third.readTextSkippingPings());
        connectRoot(other, R"(40{"token":"token-8-staff"})"); // another user is not affected
        // The sockets already open keep working.
        socketIo_->broadcast("/", "user:7", "task:assigned", R"({"id":5})");
        CPPUNIT_ASSERT(first.readTextSkippingPings().rfind(R"(42["task:assigned")", 0) == 0);
        CPPUNIT_ASSERT(second.readTextSkippingPings().rfind(R"(42["task:assigned")", 0) == 0);
        // Closing one frees its place.
        first.send(8, std::string("\x03\xe8", 2));
        test::waitUntil([this] { return socketIo_->userLimit().socketsOf(7) == 1; });
        third.sendText(R"(40{"token":"token-7-staff"})");
        CPPUNIT_ASSERT_EQUAL(std::string("40"), third.readTextSkippingPings().substr(0, 2));
    }

    void broadcastReachesItsRoomOnly() {
        startMotel();
        WebSocketPeer alice, bob, boss;
        connectRoot(alice, R"(40{"token":"token-7-staff"})");
        connectRoot(bob, R"(40{"token":"token-8-staff"})");
        connectRoot(boss, R"(40{"token":"token-1-manager"})");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), stats_.users());
        socketIo_->broadcast("/", "user:8", "task:assigned", R"({"id":5,"assigneeId":8})");
        socketIo_->broadcast("/", "", "suite:created", R"({"id":1})");
        CPPUNIT_ASSERT(bob.readTextSkippingPings().rfind(R"(42["task:assigned",{"id":5,"assigneeId":8},")", 0) == 0);
        for (WebSocketPeer* peer : {&alice, &bob, &boss}) {
            CPPUNIT_ASSERT(peer->readTextSkippingPings().rfind(R"(42["suite:created",{"id":1},")", 0) == 0);
        }
        socketIo_->broadcast("/", "role:manager", "suite:updated", R"({"id":2})");
        CPPUNIT_ASSERT(boss.readTextSkippingPings().rfind(R"(42["suite:updated")", 0) == 0);
        CPPUNIT_ASSERT(alice.readTextSkippingPings(std::chrono::milliseconds(200)).empty());
    }

    void acksWorkInBothDirections() {
        startMotel();
        WebSocketPeer peer;
        connectRoot(peer, R"(40{"token":"token-7-staff"})");
        peer.sendText(R"(43["whoami"])"); // engine message + Socket.IO ACK // an ACK nobody asked for is ignored
        peer.sendText(R"(421["whoami"])");
        const std::string ack = peer.readTextSkippingPings();
        CPPUNIT_ASSERT_EQUAL(std::string("431[{"), ack.substr(0, 5));
        CPPUNIT_ASSERT(ack.find(R"("id":7)") != std::string::npos);
        // Server to client: the socket asks, the client's ACK reaches the callback on the loop.
        std::promise<std::string> answered;
        loops_->runOnAllAndWait([&](IoLoop& loop) {
            socketIo_->roomsOf(loop).forEach("/", "user:7", [&answered](SocketIoSocket& socket) {
                socket.emit("confirm", R"({"n":1})", {},
                            [&answered](const SocketPacket& packet) { answered.set_value(packet.argumentsJson(0)); });
            });
        });
        CPPUNIT_ASSERT_EQUAL(std::string(R"(420["confirm",{"n":1}])"), peer.readTextSkippingPings());
        peer.sendText(R"(430["ok"])");
        auto result = answered.get_future();
        CPPUNIT_ASSERT(result.wait_for(std::chrono::seconds(2)) == std::future_status::ready);
        CPPUNIT_ASSERT_EQUAL(std::string(R"("ok")"), result.get());
    }

    void droppedClientRecoversMissedEvents() {
        startMotel();
        std::string sid, pid, offset;
        {
            WebSocketPeer first;
            const std::string connected = connectRoot(first, R"(40{"token":"token-7-staff"})");
            sid = member(connected.substr(2), "sid");
            pid = member(connected.substr(2), "pid");
            offset = socketIo_->broadcast("/", "", "task:created", R"({"id":1})");
            CPPUNIT_ASSERT(first.readTextSkippingPings().find(offset) != std::string::npos);
        } // the peer goes away: "transport close"
        test::waitUntil([this] { return stats_.connections() == 0; });
        socketIo_->broadcast("/", "", "task:updated", R"({"id":1})");
        socketIo_->broadcast("/", "user:8", "task:assigned", R"({"id":2})"); // not this user's room
        WebSocketPeer second;
        const std::string connected =
            connectRoot(second, R"(40{"token":"token-7-staff","pid":")" + pid + R"(","offset":")" + offset + "\"}");
        CPPUNIT_ASSERT_EQUAL(sid, member(connected.substr(2), "sid"));
        CPPUNIT_ASSERT_EQUAL(pid, member(connected.substr(2), "pid"));
        CPPUNIT_ASSERT(second.readTextSkippingPings().rfind(R"(42["task:updated",{"id":1})", 0) == 0);
        CPPUNIT_ASSERT(second.readTextSkippingPings(std::chrono::milliseconds(200)).empty());
        // A pid nobody knows gets a fresh session.
        WebSocketPeer third;
        const std::string fresh = connectRoot(third, R"(40{"token":"token-7-staff","pid":"nope","offset":"x"})");
        CPPUNIT_ASSERT(member(fresh.substr(2), "sid") != sid);
    }

private:
    void startCompliance() {
        options_.recoveryWindow = std::chrono::milliseconds(0);
        application_ = std::make_unique<ComplianceApplication>();
        start();
    }

    void startMotel() {
        auto authenticator = std::make_shared<test::TokenAuthenticator>();
        application_ = std::make_unique<MotelApplication>([authenticator] { return authenticator; });
        start();
    }

    void start() {
        loops_ = std::make_unique<test::TestLoops>(2, clock_.source());
        socketIo_ = std::make_unique<SocketIoServer>(options_, *loops_, *application_, stats_);
        EngineOptions engine;
        engine.pingInterval = std::chrono::milliseconds(300);
        engine.pingTimeout = std::chrono::milliseconds(5000);
        engine_ = std::make_unique<EngineServer>(engine, *loops_, socketIo_->handlerFactory(), CorsHeaders());
        loops_->start();
    }

    void open(WebSocketPeer& peer) {
        engine_->adoptWebSocket(peer.takeServerFd(), "", "");
        CPPUNIT_ASSERT_EQUAL('0', peer.read()->payload.at(0));
    }

    std::string connectRoot(WebSocketPeer& peer, const std::string& connect) {
        open(peer);
        peer.sendText(connect);
        const std::string answer = peer.readTextSkippingPings();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(answer, std::string("40"), answer.substr(0, 2));
        if (dynamic_cast<ComplianceApplication*>(application_.get())) peer.readTextSkippingPings(); // "auth"
        return answer;
    }

    test::ManualClock clock_; ///< the loops' timers; outlives them
    SocketIoOptions options_;
    RealtimeStats stats_;
    std::unique_ptr<SocketApplication> application_;
    std::unique_ptr<test::TestLoops> loops_;
    std::unique_ptr<SocketIoServer> socketIo_;
    std::unique_ptr<EngineServer> engine_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(SocketIoTest);

} // namespace motel::realtime
