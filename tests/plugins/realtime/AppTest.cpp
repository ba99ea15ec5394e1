// The plugin's application pieces that need no sockets: which domain events
// go where, the recovery store, the health figures and the configuration.
#include "application/EventFanout.h"
#include "application/RealtimeConfig.h"
#include "application/RealtimeStats.h"
#include "application/RedisBridge.h"
#include "socketio/RecoveryStore.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <thread>

namespace motel::realtime {

class AppTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AppTest);
    CPPUNIT_TEST(domainTopicsBecomeSocketEvents);
    CPPUNIT_TEST(taskAssignedGoesToTheAssigneeOnly);
    CPPUNIT_TEST(recoveryReplaysMissedPacketsOfTheSessionsRooms);
    CPPUNIT_TEST(recoveryForgetsAfterTheWindow);
    CPPUNIT_TEST(healthWarnsOnManyDisconnects);
    CPPUNIT_TEST(configDefaultsAndComplianceMode);
    CPPUNIT_TEST(configRejectsBadValues);
    CPPUNIT_TEST(redisUrlsParse);
    CPPUNIT_TEST_SUITE_END();

public:
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

    void recoveryReplaysMissedPacketsOfTheSessionsRooms() {
        RecoveryStore store(std::chrono::minutes(2));
        const auto packet = [](const std::string& text) {
            return OutgoingPacket::from(EnginePacket::text(EnginePacket::Type::message, text));
        };
        store.record("a", "/", "", packet("first"));
        store.save({"sid1", "pid1", "/", {"user:7"}, 7});
        store.record("b", "/", "", packet("second"));
        store.record("c", "/", "user:8", packet("other user"));
        store.record("d", "/", "user:7", packet("mine"));
        auto restored = store.restore("pid1", std::string("a"));
        CPPUNIT_ASSERT(restored);
        CPPUNIT_ASSERT_EQUAL(std::string("sid1"), restored->first.socketId);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), restored->second.size());
        CPPUNIT_ASSERT_EQUAL(std::string("4second"), restored->second[0]->pollingEntry);
        CPPUNIT_ASSERT_EQUAL(std::string("4mine"), restored->second[1]->pollingEntry);
        CPPUNIT_ASSERT(!store.restore("pid1", std::string("a"))); // once only
        store.save({"sid2", "pid2", "/", {}, 7});
        CPPUNIT_ASSERT(!store.restore("pid2", std::string("unknown offset")));
        store.save({"sid3", "pid3", "/", {}, 7});
        store.record("e", "/", "", packet("after drop"));
        const auto withoutOffset = store.restore("pid3", std::nullopt);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), withoutOffset->second.size());
    }

    void recoveryForgetsAfterTheWindow() {
        RecoveryStore store(std::chrono::milliseconds(50));
        store.record("a", "/", "", OutgoingPacket::from(EnginePacket::text(EnginePacket::Type::message, "x")));
        store.save({"sid", "pid", "/", {}, 1});
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));
        CPPUNIT_ASSERT(!store.restore("pid", std::string("a")));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), store.packetCount());
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
        CPPUNIT_ASSERT_THROW(
            RealtimeConfig::load(sdk::Settings("plugins.realtime.", {{"ioThreads", "0"}}), sdk::Settings()),
            sdk::ConfigError);
    }

    void redisUrlsParse() {
        const auto plain = RedisBridge::Endpoint::parse("redis://localhost:6380/2");
        CPPUNIT_ASSERT_EQUAL(std::string("localhost"), plain.host);
        CPPUNIT_ASSERT_EQUAL(6380, plain.port);
        const auto secret = RedisBridge::Endpoint::parse("redis://:pw@10.0.0.1");
        CPPUNIT_ASSERT_EQUAL(std::string("pw"), secret.password);
        CPPUNIT_ASSERT_EQUAL(6379, secret.port);
        CPPUNIT_ASSERT_THROW(RedisBridge::Endpoint::parse("http://x"), std::invalid_argument);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AppTest);

} // namespace motel::realtime
