// Other plugins' client events and emits through the published RealtimeHub:
// names and refusals, acks (data, access refused, HttpError, a throwing
// handler, an overrun budget) and emits to everyone, a user, a role, a
// socket and a plugin room, over adopted WebSockets on this host.
#include "ManualClock.h"
#include "TestLoops.h"
#include "TokenAuthenticator.h"
#include "WebSocketPeer.h"

#include "application/AckReply.h"
#include "application/ClientEventDispatcher.h"
#include "application/EventFanout.h"
#include "application/HandlerPool.h"
#include "application/MotelApplication.h"
#include "application/RealtimeHubService.h"
#include "application/RealtimeStats.h"
#include "engine/EngineServer.h"
#include "json/JsonText.h"
#include "socketio/SocketIoServer.h"

#include "support/RecordingChannel.h"

#include <motel/sdk/Errors.h>

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <map>
#include <mutex>
#include <future>
#include <thread>

namespace motel::realtime {

using plugins::realtime::Audience;
using plugins::realtime::ClientEvent;
using test::WebSocketPeer;

namespace {

/// Counts what HandlerCallStats records, by outcome label.
class CountingMetrics : public sdk::MetricsRegistry {
public:
    struct Count : sdk::Counter {
        std::atomic<int> value{0};
        void increment(double) override { ++value; }
    };
    struct NoGauge : sdk::Gauge, sdk::Histogram {
        void set(double) override {}
        void increment(double) override {}
        void decrement(double) override {}
        void observe(double) override {}
    };
    sdk::Counter& counter(const std::string& name, const std::string&, const sdk::Labels& labels) override {
        std::lock_guard<std::mutex> lock(mutex_);
        return counters_[name + "{" + (labels.count("outcome") ? labels.at("outcome") : "") + "}"];
    }
    sdk::Gauge& gauge(const std::string&, const std::string&, const sdk::Labels&) override { return none_; }
    sdk::Gauge& untyped(const std::string&, const std::string&, const sdk::Labels&) override { return none_; }
    sdk::Histogram& histogram(const std::string&, const std::string&, const std::vector<double>&,
                              const sdk::Labels&) override {
        return none_;
    }
    void onScrape(std::function<void()>) override {}
    std::string renderPrometheus() override { return {}; }
    Poco::JSON::Object::Ptr renderJson() override { return new Poco::JSON::Object; }

    int calls(const std::string& outcome) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto found = counters_.find("motel_realtime_handler_calls_total{" + outcome + "}");
        return found == counters_.end() ? -1 : found->second.value.load();
    }

private:
    std::mutex mutex_;
    std::map<std::string, Count> counters_;
    NoGauge none_;
};

Poco::JSON::Object::Ptr object(const std::string& name, const Poco::Dynamic::Var& value) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set(name, value);
    return out;
}

} // namespace

class PluginEventsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PluginEventsTest);
    CPPUNIT_TEST(namesAreNamespacedAndDuplicatesRefused);
    CPPUNIT_TEST(ackCarriesTheHandlersAnswer);
    CPPUNIT_TEST(wrongRoleIsRefusedAndTheSocketStaysOpen);
    CPPUNIT_TEST(throwingHandlerAcksGenericallyAndLogsTheText);
    CPPUNIT_TEST(overrunBudgetAcks504);
    CPPUNIT_TEST(fullQueueAcks503);
    CPPUNIT_TEST(emitsReachTheirAudienceOnly);
    CPPUNIT_TEST(closedChannelHandlesNothingAndEmitsNothing);
    CPPUNIT_TEST(recoveredSocketKeepsItsPluginRoomsAndMissedEmits);
    CPPUNIT_TEST_SUITE_END();

public:
    void tearDown() override {
        if (channel_) channel_->close();
        if (engine_) engine_->closeAll();
        if (pool_) pool_->stop();
        if (loops_) loops_->stop();
        channel_.reset();
        hub_.reset();
        engine_.reset();
        fanout_.reset();
        socketIo_.reset();
        application_.reset();
        dispatcher_.reset();
        pool_.reset();
        loops_.reset();
    }

    void namesAreNamespacedAndDuplicatesRefused() {
        start();
        for (const char* bad : {"suite", "task", "user", "sid", "plugin", "Hello", "a:b", ""})
            CPPUNIT_ASSERT_THROW_MESSAGE(bad, hub_->open(bad), std::logic_error);
        CPPUNIT_ASSERT_THROW(hub_->open("hello"), std::logic_error); // start() opened it
        channel_->on("greet", sdk::Access::authenticated(), [](const ClientEvent&) { return Poco::Dynamic::Var(); });
        CPPUNIT_ASSERT_THROW(channel_->on("greet", sdk::Access::authenticated(),
                                          [](const ClientEvent&) { return Poco::Dynamic::Var(); }),
                             std::logic_error);
        CPPUNIT_ASSERT_THROW(channel_->on("bad name", sdk::Access::authenticated(),
                                          [](const ClientEvent&) { return Poco::Dynamic::Var(); }),
                             std::logic_error);
        CPPUNIT_ASSERT(!channel_->emit(Audience::everyone(), "no:colons", 1));
        CPPUNIT_ASSERT(!channel_->emit(Audience::room(""), "fine", 1));
        CPPUNIT_ASSERT(!channel_->join(Audience::everyone(), "lobby"));
        std::string huge(plugins::realtime::RealtimeHub::kMaxEmitBytes, 'x');
        CPPUNIT_ASSERT(!channel_->emit(Audience::everyone(), "fine", huge));
        auto other = hub_->open("other");
        other->on("greet", sdk::Access::authenticated(), [](const ClientEvent&) { return Poco::Dynamic::Var(); });
    }

    void ackCarriesTheHandlersAnswer() {
        start();
        channel_->on("greet", sdk::Access::authenticated(), [](const ClientEvent& event) {
            const auto payload = event.payload.extract<Poco::JSON::Object::Ptr>();
            Poco::JSON::Object::Ptr answer = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            answer->set("hi", payload->getValue<std::string>("name"));
            answer->set("user", event.principal.id);
            answer->set("event", event.name);
            answer->set("socketKnown", !event.socketId.empty());
            return Poco::Dynamic::Var(answer);
        });
        WebSocketPeer peer;
        connect(peer, "token-7-staff");
        peer.sendText(R"(421["hello:greet",{"name":"Ann"}])");
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"(431[{"ok":true,"data":{"hi":"Ann","user":7,"event":"greet","socketKnown":true}}])"),
            peer.readTextSkippingPings());
        // Unknown events keep today's behaviour: ignored; whoami still answers.
        peer.sendText(R"(422["hello:unknown",1])");
        peer.sendText(R"(423["whoami"])");
        CPPUNIT_ASSERT_EQUAL(std::string("433["), peer.readTextSkippingPings().substr(0, 4));
    }

    void wrongRoleIsRefusedAndTheSocketStaysOpen() {
        start();
        channel_->on("close-books", sdk::Access::anyRole({"manager"}),
                     [](const ClientEvent&) { return Poco::Dynamic::Var("closed"); });
        WebSocketPeer staff, manager;
        connect(staff, "token-7-staff");
        connect(manager, "token-1-manager");
        staff.sendText(R"(425["hello:close-books"])");
        CPPUNIT_ASSERT_EQUAL(
            std::string(
                R"(435[{"ok":false,"error":{"statusCode":403,"message":"Forbidden resource","error":"Forbidden"}}])"),
            staff.readTextSkippingPings());
        manager.sendText(R"(425["hello:close-books"])");
        CPPUNIT_ASSERT_EQUAL(std::string(R"(435[{"ok":true,"data":"closed"}])"), manager.readTextSkippingPings());
        staff.sendText(R"(426["whoami"])");
        CPPUNIT_ASSERT_EQUAL(std::string("436["), staff.readTextSkippingPings().substr(0, 4));
        CPPUNIT_ASSERT_EQUAL(1, metrics_.calls("client_error"));
        CPPUNIT_ASSERT_EQUAL(1, metrics_.calls("ok"));
    }

    void throwingHandlerAcksGenericallyAndLogsTheText() {
        start();
        channel_->on("boom", sdk::Access::authenticated(),
                     [](const ClientEvent&) -> Poco::Dynamic::Var { throw std::runtime_error("secret internals"); });
        channel_->on("missing", sdk::Access::authenticated(),
                     [](const ClientEvent&) -> Poco::Dynamic::Var { throw sdk::NotFound("Suite 9 not found"); });
        motel::test::CapturedLog log("motel.realtime.test");
        WebSocketPeer peer;
        connect(peer, "token-7-staff");
        peer.sendText(R"(421["hello:boom"])");
        const std::string ack = peer.readTextSkippingPings();
        CPPUNIT_ASSERT_EQUAL(
            std::string(
                R"(431[{"ok":false,"error":{"statusCode":500,"message":"Internal server error","error":"Internal Server Error"}}])"),
            ack);
        CPPUNIT_ASSERT(log.channel->contains("secret internals"));
        CPPUNIT_ASSERT_EQUAL(1, metrics_.calls("server_error"));
        peer.sendText(R"(422["hello:missing"])");
        CPPUNIT_ASSERT_EQUAL(
            std::string(
                R"(432[{"ok":false,"error":{"statusCode":404,"message":"Suite 9 not found","error":"Not Found"}}])"),
            peer.readTextSkippingPings());
    }

    void overrunBudgetAcks504() {
        budget_ = std::chrono::seconds(5);
        start();
        std::promise<void> release; // a failed assertion breaks it, which ends the handler too
        std::shared_future<void> released = release.get_future().share();
        auto running = std::make_shared<std::atomic<int>>(0);
        channel_->on("slow", sdk::Access::authenticated(), [released, running](const ClientEvent&) {
            ++*running;
            released.wait();
            return Poco::Dynamic::Var(1);
        });
        WebSocketPeer peer;
        connect(peer, "token-7-staff");
        peer.sendText(R"(421["hello:slow"])");
        test::waitUntil([running] { return running->load() == 1; });
        loops_->settle(); // the budget timer is armed after the call was queued
        // The budget is counted on the loops' clock: no answer until it passes.
        clock_.advance(budget_ - std::chrono::milliseconds(1));
        loops_->runDueTimers();
        CPPUNIT_ASSERT(peer.readTextSkippingPings(std::chrono::milliseconds(100)).empty());
        clock_.advance(std::chrono::milliseconds(1));
        loops_->runDueTimers();
        CPPUNIT_ASSERT(peer.readTextSkippingPings().find(R"("statusCode":504)") != std::string::npos);
        // The late answer is dropped: exactly one ack.
        release.set_value();
        CPPUNIT_ASSERT(peer.readTextSkippingPings(std::chrono::milliseconds(300)).empty());
        CPPUNIT_ASSERT_EQUAL(1, metrics_.calls("timeout"));
        CPPUNIT_ASSERT_EQUAL(0, metrics_.calls("ok")); // the late answer is not counted again
    }

    void fullQueueAcks503() {
        threads_ = 1;
        queue_ = 1;
        start();
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        auto running = std::make_shared<std::atomic<int>>(0);
        channel_->on("wait", sdk::Access::authenticated(), [released, running](const ClientEvent&) {
            ++*running;
            released.wait();
            return Poco::Dynamic::Var(1);
        });
        WebSocketPeer peer;
        connect(peer, "token-7-staff");
        peer.sendText(R"(421["hello:wait"])"); // runs
        test::waitUntil([running] { return running->load() == 1; });
        peer.sendText(R"(422["hello:wait"])"); // waits in the queue
        peer.sendText(R"(423["hello:wait"])"); // no room
        CPPUNIT_ASSERT(peer.readTextSkippingPings().rfind(R"(433[{"ok":false,"error":{"statusCode":503)", 0) == 0);
        release.set_value();
        CPPUNIT_ASSERT_EQUAL(std::string(R"(431[{"ok":true,"data":1}])"), peer.readTextSkippingPings());
        CPPUNIT_ASSERT_EQUAL(std::string(R"(432[{"ok":true,"data":1}])"), peer.readTextSkippingPings());
        CPPUNIT_ASSERT_EQUAL(1, metrics_.calls("busy"));
        CPPUNIT_ASSERT_EQUAL(2, metrics_.calls("ok"));
    }

    void emitsReachTheirAudienceOnly() {
        start();
        std::string annSocket;
        channel_->on("enter", sdk::Access::authenticated(), [this](const ClientEvent& event) {
            channel_->join(Audience::socket(event.socketId), "lobby");
            return Poco::Dynamic::Var(true);
        });
        WebSocketPeer ann, bob, boss;
        connect(ann, "token-7-staff");
        connect(bob, "token-8-staff");
        connect(boss, "token-1-manager");
        ann.sendText(R"(421["hello:enter"])");
        CPPUNIT_ASSERT_EQUAL(std::string(R"(431[{"ok":true,"data":true}])"), ann.readTextSkippingPings());

        CPPUNIT_ASSERT(channel_->emit(Audience::room("lobby"), "news", object("n", 1)));
        CPPUNIT_ASSERT(ann.readTextSkippingPings().rfind(R"(42["hello:news",{"n":1})", 0) == 0);
        CPPUNIT_ASSERT(channel_->emit(Audience::user(8), "news", object("n", 2)));
        CPPUNIT_ASSERT(bob.readTextSkippingPings().rfind(R"(42["hello:news",{"n":2})", 0) == 0);
        CPPUNIT_ASSERT(channel_->emit(Audience::role("manager"), "news", object("n", 3)));
        CPPUNIT_ASSERT(boss.readTextSkippingPings().rfind(R"(42["hello:news",{"n":3})", 0) == 0);
        // A whole user joins a room, then everyone hears one emit.
        CPPUNIT_ASSERT(channel_->join(Audience::user(8), "lobby"));
        CPPUNIT_ASSERT(channel_->emit(Audience::room("lobby"), "news", object("n", 4)));
        CPPUNIT_ASSERT(ann.readTextSkippingPings().rfind(R"(42["hello:news",{"n":4})", 0) == 0);
        CPPUNIT_ASSERT(bob.readTextSkippingPings().rfind(R"(42["hello:news",{"n":4})", 0) == 0);
        CPPUNIT_ASSERT(channel_->leave(Audience::user(8), "lobby"));
        CPPUNIT_ASSERT(channel_->emit(Audience::everyone(), "news", object("n", 5)));
        for (WebSocketPeer* peer : {&ann, &bob, &boss})
            CPPUNIT_ASSERT(peer->readTextSkippingPings().rfind(R"(42["hello:news",{"n":5})", 0) == 0);
        // Nothing else arrived anywhere: n=1..3 went to one socket each, bob left before... none.
        CPPUNIT_ASSERT(boss.readTextSkippingPings(std::chrono::milliseconds(200)).empty());
        CPPUNIT_ASSERT(channel_->emit(Audience::room("lobby"), "news", object("n", 6)));
        CPPUNIT_ASSERT(ann.readTextSkippingPings().rfind(R"(42["hello:news",{"n":6})", 0) == 0);
        CPPUNIT_ASSERT(bob.readTextSkippingPings(std::chrono::milliseconds(200)).empty());
    }

    void closedChannelHandlesNothingAndEmitsNothing() {
        start();
        channel_->on("greet", sdk::Access::authenticated(), [](const ClientEvent&) { return Poco::Dynamic::Var(1); });
        channel_->close();
        WebSocketPeer peer;
        connect(peer, "token-7-staff");
        peer.sendText(R"(421["hello:greet"])");
        CPPUNIT_ASSERT(peer.readTextSkippingPings(std::chrono::milliseconds(200)).empty());
        CPPUNIT_ASSERT(!channel_->emit(Audience::everyone(), "news", 1));
        // The name is free again (a restarted plugin opens it anew).
        channel_ = hub_->open("hello");
    }

    void recoveredSocketKeepsItsPluginRoomsAndMissedEmits() {
        start();
        std::string pid, offset;
        {
            WebSocketPeer first;
            const std::string connected = connect(first, "token-7-staff");
            const auto handshake = JsonText::parse(connected.substr(2)).extract<Poco::JSON::Object::Ptr>();
            pid = handshake->getValue<std::string>("pid");
            CPPUNIT_ASSERT(channel_->join(Audience::user(7), "lobby"));
            CPPUNIT_ASSERT(channel_->emit(Audience::room("lobby"), "news", object("n", 1)));
            const std::string seen = first.readTextSkippingPings();
            CPPUNIT_ASSERT(seen.rfind(R"(42["hello:news",{"n":1},")", 0) == 0);
            offset = seen.substr(seen.rfind(",\"") + 2, seen.size() - seen.rfind(",\"") - 4);
        } // dropped: "transport close"
        test::waitUntil([this] { return stats_.connections() == 0; });
        CPPUNIT_ASSERT(channel_->emit(Audience::room("lobby"), "news", object("n", 2)));
        WebSocketPeer second;
        connect(second, "token-7-staff", R"(,"pid":")" + pid + R"(","offset":")" + offset + "\"");
        CPPUNIT_ASSERT(second.readTextSkippingPings().rfind(R"(42["hello:news",{"n":2})", 0) == 0);
        // Still in the lobby without being joined again.
        CPPUNIT_ASSERT(channel_->emit(Audience::room("lobby"), "news", object("n", 3)));
        CPPUNIT_ASSERT(second.readTextSkippingPings().rfind(R"(42["hello:news",{"n":3})", 0) == 0);
    }

private:
    void start() {
        loops_ = std::make_unique<test::TestLoops>(2, clock_.source());
        pool_ = std::make_unique<HandlerPool>(threads_, queue_);
        auto registry = std::make_shared<ClientEventRegistry>();
        callStats_.bind(metrics_);
        dispatcher_ = std::make_unique<ClientEventDispatcher>(registry, *pool_, budget_,
                                                              Poco::Logger::get("motel.realtime.test"), &callStats_);
        auto authenticator = std::make_shared<test::TokenAuthenticator>();
        application_ = std::make_unique<MotelApplication>([authenticator] { return authenticator; }, dispatcher_.get());
        SocketIoOptions options;
        socketIo_ = std::make_unique<SocketIoServer>(options, *loops_, *application_, stats_);
        fanout_ = std::make_unique<EventFanout>(*socketIo_);
        EngineOptions engine;
        engine.pingInterval = std::chrono::milliseconds(300);
        engine.pingTimeout = std::chrono::milliseconds(5000);
        engine_ = std::make_unique<EngineServer>(engine, *loops_, socketIo_->handlerFactory(), CorsHeaders());
        loops_->start();
        EventFanout* fanout = fanout_.get();
        auto outlet = std::make_shared<HubOutlet>([fanout](RelayMessage message) { fanout->send(std::move(message)); });
        hub_ = std::make_shared<RealtimeHubService>(registry, outlet, Poco::Logger::get("motel.realtime.test"));
        channel_ = hub_->open("hello");
    }

    /// Returns the CONNECT answer; `extraAuth` goes after the token (`,"pid":...`).
    std::string connect(WebSocketPeer& peer, const std::string& token, const std::string& extraAuth = "") {
        engine_->adoptWebSocket(peer.takeServerFd(), "", "");
        CPPUNIT_ASSERT_EQUAL('0', peer.read()->payload.at(0));
        peer.sendText(R"(40{"token":")" + token + "\"" + extraAuth + "}");
        const std::string answer = peer.readTextSkippingPings();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(answer, std::string("40"), answer.substr(0, 2));
        return answer;
    }

    test::ManualClock clock_; ///< the loops' timers (handler budgets); outlives them
    std::chrono::milliseconds budget_{5000};
    std::size_t threads_ = 2;
    std::size_t queue_ = 100;
    RealtimeStats stats_;
    CountingMetrics metrics_;
    HandlerCallStats callStats_;
    std::unique_ptr<test::TestLoops> loops_;
    std::unique_ptr<HandlerPool> pool_;
    std::unique_ptr<ClientEventDispatcher> dispatcher_;
    std::unique_ptr<SocketApplication> application_;
    std::unique_ptr<SocketIoServer> socketIo_;
    std::unique_ptr<EventFanout> fanout_;
    std::unique_ptr<EngineServer> engine_;
    std::shared_ptr<RealtimeHubService> hub_;
    std::shared_ptr<plugins::realtime::RealtimeChannel> channel_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginEventsTest);

} // namespace motel::realtime
