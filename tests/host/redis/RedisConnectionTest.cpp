#include "RedisServerProcess.h"
#include "RedisTestSupport.h"
#include "host/services/ServiceTestSupport.h"

#include "services/redis/RedisConnection.h"
#include "support/HostProcess.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::RedisCommandError;
using motel::host::RedisConnection;
using motel::host::RedisUnavailable;
using motel::host::RedisUrl;
using motel::test::eventually;

namespace {

std::size_t countContaining(const motel::test::RecordingLogger& log, const std::string& part) {
    std::size_t count = 0;
    for (const auto& message : log.channel->messages())
        if (message.find(part) != std::string::npos) ++count;
    return count;
}

RedisConnection::Options quickRetries() {
    RedisConnection::Options options;
    options.reconnectBase = std::chrono::milliseconds(10);
    options.reconnectCap = std::chrono::milliseconds(40);
    return options;
}

} // namespace

class RedisConnectionTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RedisConnectionTest);
    CPPUNIT_TEST(testCommandsAreBinarySafe);
    CPPUNIT_TEST(testErrorReplyKeepsTheConnection);
    CPPUNIT_TEST(testUnreachableServerFailsFastDuringBackoff);
    CPPUNIT_TEST(testAuthenticatesAndSelectsTheDatabase);
    CPPUNIT_TEST(testWrongPasswordIsNeverLogged);
    CPPUNIT_TEST(testReconnectsAfterRedisRestarts);
    CPPUNIT_TEST(testFirstCommandAfterARestartSucceeds);
    CPPUNIT_TEST_SUITE_END();

public:
    void testCommandsAreBinarySafe() {
        motel::test::RecordingLogger log;
        RedisConnection redis(motel::test::fixtureRedis(1), log.logger, {}, "test");
        const std::string key = motel::test::uniqueQueuePrefix() + "binary";
        const std::string value("a\0b\r\nc", 6);
        redis.command({"SET", key, value, "PX", "60000"});
        CPPUNIT_ASSERT(value == redis.command({"GET", key}).text());
        CPPUNIT_ASSERT(redis.command({"GET", key + ":absent"}).isNil());
        CPPUNIT_ASSERT(redis.isConnected());
    }

    void testErrorReplyKeepsTheConnection() {
        motel::test::RecordingLogger log;
        RedisConnection redis(motel::test::fixtureRedis(1), log.logger, {}, "test");
        CPPUNIT_ASSERT_THROW(redis.command({"NOSUCHCOMMAND"}), RedisCommandError);
        CPPUNIT_ASSERT(redis.isConnected());
        CPPUNIT_ASSERT_EQUAL(std::string("PONG"), redis.command({"PING"}).text());
    }

    void testUnreachableServerFailsFastDuringBackoff() {
        motel::test::RecordingLogger log;
        auto url = RedisUrl::parse("redis://127.0.0.1:" + std::to_string(motel::test::freePort()));
        RedisConnection::Options options;
        options.reconnectBase = std::chrono::seconds(30); // one attempt in this test
        options.reconnectCap = std::chrono::seconds(30);
        RedisConnection redis(url, log.logger, options, "test");
        CPPUNIT_ASSERT_THROW(redis.command({"PING"}), RedisUnavailable);
        CPPUNIT_ASSERT(redis.retryAt() > RedisConnection::Clock::now());
        for (int call = 0; call < 100; ++call) // no reconnect attempt: no new log lines
            CPPUNIT_ASSERT_THROW(redis.command({"PING"}), RedisUnavailable);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), countContaining(log, "reconnecting with backoff"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), log.channel->messages().size());
    }

    void testAuthenticatesAndSelectsTheDatabase() {
        motel::test::RedisServerProcess server({"--requirepass", "s3cret-pass"});
        server.start();
        motel::test::RecordingLogger log;
        RedisConnection db3(RedisUrl::parse("redis://:s3cret-pass@127.0.0.1:" + std::to_string(server.port()) + "/3"),
                            log.logger, {}, "test");
        db3.command({"SET", "where", "three"});
        RedisConnection db0(RedisUrl::parse("redis://default:s3cret-pass@127.0.0.1:" + std::to_string(server.port())),
                            log.logger, {}, "test");
        CPPUNIT_ASSERT(db0.command({"GET", "where"}).isNil());
        db0.command({"SELECT", "3"});
        CPPUNIT_ASSERT_EQUAL(std::string("three"), db0.command({"GET", "where"}).text());
    }

    void testWrongPasswordIsNeverLogged() {
        motel::test::RedisServerProcess server({"--requirepass", "right-pass"});
        server.start();
        motel::test::RecordingLogger log;
        RedisConnection redis(RedisUrl::parse("redis://:wrong-pass@127.0.0.1:" + std::to_string(server.port())),
                              log.logger, quickRetries(), "test");
        try {
            redis.command({"PING"});
            CPPUNIT_FAIL("a wrong password was accepted");
        } catch (const RedisUnavailable& error) {
            CPPUNIT_ASSERT(std::string(error.what()).find("wrong-pass") == std::string::npos);
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), countContaining(log, "refused the connection"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), countContaining(log, "wrong-pass"));
    }

    void testReconnectsAfterRedisRestarts() {
        motel::test::RedisServerProcess server;
        server.start();
        motel::test::RecordingLogger log;
        RedisConnection redis(RedisUrl::parse(server.url()), log.logger, quickRetries(), "test");
        CPPUNIT_ASSERT_EQUAL(std::string("PONG"), redis.command({"PING"}).text());

        server.stop();
        CPPUNIT_ASSERT_THROW(redis.command({"PING"}), RedisUnavailable);
        server.start();
        CPPUNIT_ASSERT(eventually([&] {
            try {
                return redis.command({"PING"}).text() == "PONG";
            } catch (const RedisUnavailable&) {
                return false;
            }
        }));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), countContaining(log, "reachable again"));
    }

    // Redis restarted while the connection sat idle: the next command finds
    // the old socket closed, reconnects and is answered, with no failure
    // for the caller (and no outage warning: nothing was unavailable).
    void testFirstCommandAfterARestartSucceeds() {
        motel::test::RedisServerProcess server;
        server.start();
        motel::test::RecordingLogger log;
        RedisConnection redis(RedisUrl::parse(server.url()), log.logger, quickRetries(), "test");
        CPPUNIT_ASSERT_EQUAL(std::string("PONG"), redis.command({"PING"}).text());
        server.stop();
        server.start();
        CPPUNIT_ASSERT_EQUAL(std::string("PONG"), redis.command({"PING"}).text());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), countContaining(log, "reconnecting with backoff"));
        server.stop();
        server.start();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             redis.blockingCommand({"RPUSH", "k", "v"}, std::chrono::milliseconds(10)).integer());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisConnectionTest);
