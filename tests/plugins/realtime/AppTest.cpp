// The plugin's application pieces that need no sockets: which domain events
// go where, the recovery store, the health figures and the configuration.
#include "application/EventFanout.h"
#include "application/MotelApplication.h"
#include "application/RealtimeConfig.h"
#include "application/RealtimeStats.h"
#include "socketio/MemoryRecoveryStore.h"
#include "socketio/StreamOffset.h"

#include "support/RecordingChannel.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::realtime {

class AppTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AppTest);
    CPPUNIT_TEST(domainTopicsBecomeSocketEvents);
    CPPUNIT_TEST(taskAssignedGoesToTheAssigneeOnly);
    CPPUNIT_TEST(recoveryReplaysMissedPacketsOfTheSessionsRooms);
    CPPUNIT_TEST(recoveryForgetsAfterTheWindow);
    CPPUNIT_TEST(aStrangerNeverConsumesAnotherUsersRecovery);
    CPPUNIT_TEST(recoveryLeavesQueuedBroadcastsToTheLiveRoute);
    CPPUNIT_TEST(streamOffsetsCompareInStreamOrder);
    CPPUNIT_TEST(healthWarnsOnManyDisconnects);
    CPPUNIT_TEST(configDefaultsAndComplianceMode);
    CPPUNIT_TEST(configRejectsBadValues);
    CPPUNIT_TEST(aFailingAuthenticatorRefusesAndIsLoggedInFull);
    CPPUNIT_TEST_SUITE_END();

public:
    void aFailingAuthenticatorRefusesAndIsLoggedInFull() {
        // What another plugin's authenticator throws must not reach the loop,
        // and the log must say what it was (Poco's what() is only "Not found").
        class Failing : public sdk::Authenticator {
        public:
            std::optional<sdk::Principal> authenticate(const std::string&) override {
                throw Poco::NotFoundException("user table missing");
            }
        };
        auto failing = std::make_shared<Failing>();
        MotelApplication application([failing] { return failing; });
        Poco::JSON::Object::Ptr auth = new Poco::JSON::Object;
        auth->set("token", "any");
        motel::test::CapturedLog log("motel.realtime");
        const ConnectDecision decision = application.authorize("/", auth);
        CPPUNIT_ASSERT(!decision.accepted);
        CPPUNIT_ASSERT(log.channel->contains("Not found: user table missing"));
    }

    void domainTopicsBecomeSocketEvents() {
        CPPUNIT_ASSERT_EQUAL(std::string("suite:created"), EventFanout::socketEventFor("suite.created"));
        CPPUNIT_ASSERT_EQUAL(std::string("task:deleted"), EventFanout::socketEventFor("task.deleted"));
        CPPUNIT_ASSERT_EQUAL(std::string("task:assigned"), EventFanout::socketEventFor("task.assigned"));
        CPPUNIT_ASSERT(EventFanout::socketEventFor("user.created").empty());
        CPPUNIT_ASSERT_EQUAL(std::string(), *EventFanout::roomFor("task.updated", Poco::Dynamic::Var()));
    }

    void taskAssignedGoesToTheAssigneeOnly() {
        Poco::JSON::Object::Ptr task = new Poco::JSON::Object;
        task->set("id", 3);
        task->set("assigneeId", Poco::Int64(12));
        CPPUNIT_ASSERT_EQUAL(std::string("user:12"), *EventFanout::roomFor("task.assigned", task));
        task->set("assigneeId", Poco::Dynamic::Var());
        CPPUNIT_ASSERT(!EventFanout::roomFor("task.assigned", task));
    }

    static SharedPacket packet(const std::string& text) {
        return OutgoingPacket::from(EnginePacket::text(EnginePacket::Type::message, text));
    }
    static RecoveryRequest ask(const std::string& pid, std::optional<std::string> offset, std::int64_t userId,
                               const std::string& upTo) {
        return RecoveryRequest{pid, std::move(offset), "/", userId, upTo};
    }

    void recoveryReplaysMissedPacketsOfTheSessionsRooms() {
        MemoryRecoveryStore store(std::chrono::minutes(2));
        store.record("a", "/", "", packet("first"));
        store.save({"sid1", "pid1", "/", {"user:7"}, 7, "a"});
        store.record("b", "/", "", packet("second"));
        store.record("c", "/", "user:8", packet("other user"));
        store.record("d", "/", "user:7", packet("mine"));
        auto restored = store.restore(ask("pid1", std::string("a"), 7, "d"));
        CPPUNIT_ASSERT(restored);
        CPPUNIT_ASSERT_EQUAL(std::string("sid1"), restored->session.socketId);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), restored->missed.size());
        CPPUNIT_ASSERT_EQUAL(std::string("4second"), restored->missed[0]->pollingEntry);
        CPPUNIT_ASSERT_EQUAL(std::string("4mine"), restored->missed[1]->pollingEntry);
        CPPUNIT_ASSERT(!store.restore(ask("pid1", std::string("a"), 7, "d"))); // once only
        store.save({"sid2", "pid2", "/", {}, 7, "d"});
        CPPUNIT_ASSERT(!store.restore(ask("pid2", std::string("unknown offset"), 7, "d")));
        store.save({"sid3", "pid3", "/", {}, 7, "d"});
        store.record("e", "/", "", packet("after drop"));
        const auto withoutOffset = store.restore(ask("pid3", std::nullopt, 7, "e"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), withoutOffset->missed.size());
    }

    void recoveryForgetsAfterTheWindow() {
        auto now = MemoryRecoveryStore::Clock::now();
        MemoryRecoveryStore store(std::chrono::milliseconds(50), [&now] { return now; });
        store.record("a", "/", "", packet("x"));
        store.save({"sid", "pid", "/", {}, 1, "a"});
        // Sessions are pruned at most once a second.
        now += std::chrono::milliseconds(1100);
        CPPUNIT_ASSERT(!store.restore(ask("pid", std::string("a"), 1, "a")));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), store.packetCount());
    }

    void aStrangerNeverConsumesAnotherUsersRecovery() {
        MemoryRecoveryStore store(std::chrono::minutes(2));
        store.record("a", "/", "", packet("first"));
        store.save({"sid", "pid", "/", {"user:7"}, 7, "a"});
        store.record("b", "/", "", packet("missed"));
        // Another user (and the right user on another namespace) presenting the pid get nothing...
        CPPUNIT_ASSERT(!store.restore(ask("pid", std::string("a"), 8, "b")));
        CPPUNIT_ASSERT(!store.restore(RecoveryRequest{"pid", std::string("a"), "/custom", 7, "b"}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), store.sessionCount());
        // ...and the owner still recovers.
        const auto restored = store.restore(ask("pid", std::string("a"), 7, "b"));
        CPPUNIT_ASSERT(restored);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), restored->missed.size());
    }

    void recoveryLeavesQueuedBroadcastsToTheLiveRoute() {
        MemoryRecoveryStore store(std::chrono::minutes(2));
        store.record("a", "/", "", packet("seen"));
        store.save({"sid", "pid", "/", {}, 7, "a"});
        store.record("b", "/", "", packet("delivered by the loop"));
        store.record("c", "/", "", packet("still queued on the loop"));
        // The asking loop delivered up to "b": "c" reaches the socket live, not twice.
        const auto restored = store.restore(ask("pid", std::string("a"), 7, "b"));
        CPPUNIT_ASSERT(restored);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), restored->missed.size());
        CPPUNIT_ASSERT_EQUAL(std::string("4delivered by the loop"), restored->missed[0]->pollingEntry);
    }

    void streamOffsetsCompareInStreamOrder() {
        const auto early = StreamOffset::parse("1733590000000-5");
        const auto later = StreamOffset::parse("1733590000001-0");
        CPPUNIT_ASSERT(early && later);
        CPPUNIT_ASSERT(*early < *later);
        CPPUNIT_ASSERT(*StreamOffset::parse("7-2") < *StreamOffset::parse("7-10"));
        CPPUNIT_ASSERT_EQUAL(std::string("1733590000000-5"), early->text());
        CPPUNIT_ASSERT(!StreamOffset::parse("ab12cd34-7"));
        CPPUNIT_ASSERT(!StreamOffset::parse("12-"));
        CPPUNIT_ASSERT(!StreamOffset::parse("99999999999999999999-1"));
    }

    void healthWarnsOnManyDisconnects() {
        RealtimeStats stats;
        stats.connected(1);
        stats.connected(1);
        stats.connected(2);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), stats.users());
        auto health = stats.health();
        CPPUNIT_ASSERT(health.level == sdk::HealthLevel::ok);
        CPPUNIT_ASSERT_EQUAL(2, health.details->getValue<int>("connectedUsers"));
        // Closed tabs (a shift change) and a draining host are not trouble.
        for (int i = 0; i < 60; ++i) stats.disconnected(0, "transport close");
        for (int i = 0; i < 60; ++i) stats.disconnected(0, "server shutting down");
        CPPUNIT_ASSERT(stats.health().level == sdk::HealthLevel::ok);
        for (int i = 0; i < 11; ++i) stats.disconnected(0, "transport error");
        CPPUNIT_ASSERT(stats.health().level == sdk::HealthLevel::warning);
        for (int i = 0; i < 40; ++i) stats.disconnected(0, "ping timeout");
        CPPUNIT_ASSERT(stats.health().level == sdk::HealthLevel::critical);
        CPPUNIT_ASSERT_EQUAL(std::string("ping_timeout"), RealtimeStats::reasonLabel("ping timeout"));
        CPPUNIT_ASSERT_EQUAL(std::string("other"), RealtimeStats::reasonLabel("user 42 did it"));
    }

    void configDefaultsAndComplianceMode() {
        const auto normal = RealtimeConfig::load(sdk::Settings("plugins.realtime.", {}),
                                                 sdk::Settings("", {{"redis.url", "redis://127.0.0.1:6379"}}));
        CPPUNIT_ASSERT(!normal.compliance);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(25000), static_cast<std::int64_t>(normal.engine.pingInterval.count()));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(120000), static_cast<std::int64_t>(normal.socketIo.recoveryWindow.count()));
        CPPUNIT_ASSERT_EQUAL(std::string("redis://127.0.0.1:6379"), normal.redisUrl);
        const auto compliance =
            RealtimeConfig::load(sdk::Settings("plugins.realtime.", {{"mode", "compliance"}}), sdk::Settings("", {}));
        CPPUNIT_ASSERT(compliance.compliance);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(300), static_cast<std::int64_t>(compliance.engine.pingInterval.count()));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), static_cast<std::int64_t>(compliance.socketIo.recoveryWindow.count()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1000000), compliance.engine.maxPayload);
    }

    void configRejectsBadValues() {
        CPPUNIT_ASSERT_THROW(
            RealtimeConfig::load(sdk::Settings("plugins.realtime.", {{"mode", "fast"}}), sdk::Settings()),
            sdk::ConfigError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AppTest);

} // namespace motel::realtime
