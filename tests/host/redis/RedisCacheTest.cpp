#include "RedisTestSupport.h"
#include "host/services/ServiceTestSupport.h"

#include "services/redis/RedisCache.h"
#include "services/redis/RedisCacheClearer.h"
#include "services/redis/RedisJobs.h"
#include "support/HostProcess.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <stdexcept>

using motel::host::RedisCache;
using motel::host::RedisCacheClearer;
using motel::host::RedisJobs;
using motel::host::RedisUrl;
using motel::test::eventually;
using std::chrono::milliseconds;

namespace {

/// Database 2 of the fixture server belongs to this suite; each test starts
/// with it empty.
const int kCacheDb = 2;

} // namespace

class RedisCacheTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RedisCacheTest);
    CPPUNIT_TEST(testSetGetRemove);
    CPPUNIT_TEST(testValuesExpire);
    CPPUNIT_TEST(testTtl);
    CPPUNIT_TEST(testIncrementUsesAFixedWindow);
    CPPUNIT_TEST(testIncrementRejectsNonIntegers);
    CPPUNIT_TEST(testKeysAreNamespaced);
    CPPUNIT_TEST(testUnreachableRedisDegradesToMisses);
    CPPUNIT_TEST(testClearLeavesQueueKeysAlone);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { motel::test::inspector(motel::test::fixtureRedis(kCacheDb))->command({"FLUSHDB"}); }

    void testSetGetRemove() {
        motel::test::RecordingLogger log;
        RedisCache cache(motel::test::fixtureRedis(kCacheDb), log.logger);
        CPPUNIT_ASSERT(!cache.get("suites:1").has_value());
        cache.set("suites:1", "{\"name\":\"Ocean\"}", milliseconds(60000));
        CPPUNIT_ASSERT_EQUAL(std::string("{\"name\":\"Ocean\"}"), cache.get("suites:1").value());
        cache.set("suites:1", "replaced", milliseconds(0));
        CPPUNIT_ASSERT_EQUAL(std::string("replaced"), cache.get("suites:1").value());
        cache.remove("suites:1");
        CPPUNIT_ASSERT(!cache.get("suites:1").has_value());
        cache.remove("never-there"); // harmless
    }

    void testValuesExpire() {
        motel::test::RecordingLogger log;
        RedisCache cache(motel::test::fixtureRedis(kCacheDb), log.logger);
        cache.set("short", "lived", milliseconds(50));
        CPPUNIT_ASSERT(eventually([&] { return !cache.get("short").has_value(); }));
    }

    void testTtl() {
        motel::test::RecordingLogger log;
        RedisCache cache(motel::test::fixtureRedis(kCacheDb), log.logger);
        CPPUNIT_ASSERT(!cache.ttl("absent").has_value());
        cache.set("forever", "x", milliseconds(0));
        CPPUNIT_ASSERT(milliseconds::max() == cache.ttl("forever").value());
        cache.set("minute", "x", milliseconds(60000));
        const auto left = cache.ttl("minute").value();
        CPPUNIT_ASSERT(left > milliseconds(0) && left <= milliseconds(60000));
    }

    void testIncrementUsesAFixedWindow() {
        motel::test::RecordingLogger log;
        RedisCache cache(motel::test::fixtureRedis(kCacheDb), log.logger);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), cache.increment("login:10.0.0.1", milliseconds(60000)));
        const auto window = cache.ttl("login:10.0.0.1").value();
        CPPUNIT_ASSERT(window <= milliseconds(60000));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), cache.increment("login:10.0.0.1", milliseconds(60000), 4));
        // The window is not extended by later hits.
        CPPUNIT_ASSERT(cache.ttl("login:10.0.0.1").value() <= window);

        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), cache.increment("total", milliseconds(0), 2));
        CPPUNIT_ASSERT(milliseconds::max() == cache.ttl("total").value());

        cache.increment("burst", milliseconds(50));
        CPPUNIT_ASSERT(eventually([&] { return !cache.ttl("burst").has_value(); }));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), cache.increment("burst", milliseconds(50)));
    }

    void testIncrementRejectsNonIntegers() {
        motel::test::RecordingLogger log;
        RedisCache cache(motel::test::fixtureRedis(kCacheDb), log.logger);
        cache.set("word", "hello", milliseconds(0));
        CPPUNIT_ASSERT_THROW(cache.increment("word", milliseconds(1000)), std::invalid_argument);
        cache.set("big", std::to_string(INT64_MAX), milliseconds(0));
        CPPUNIT_ASSERT_THROW(cache.increment("big", milliseconds(1000)), std::invalid_argument);
    }

    void testKeysAreNamespaced() {
        motel::test::RecordingLogger log;
        RedisCache cache(motel::test::fixtureRedis(kCacheDb), log.logger);
        cache.set("auth:session", "x", milliseconds(60000));
        const auto redis = motel::test::inspector(motel::test::fixtureRedis(kCacheDb));
        CPPUNIT_ASSERT_EQUAL(std::string("x"), redis->command({"GET", "motel:cache:auth:session"}).text());
        CPPUNIT_ASSERT(redis->command({"GET", "auth:session"}).isNil());
    }

    void testUnreachableRedisDegradesToMisses() {
        motel::test::RecordingLogger log;
        RedisCache cache(RedisUrl::parse("redis://127.0.0.1:" + std::to_string(motel::test::freePort())), log.logger);
        cache.set("key", "value", milliseconds(1000)); // no throw
        CPPUNIT_ASSERT(!cache.get("key").has_value());
        CPPUNIT_ASSERT(!cache.ttl("key").has_value());
        cache.remove("key");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), cache.increment("hits", milliseconds(1000), 3)); // fails open
    }

    void testClearLeavesQueueKeysAlone() {
        motel::test::RecordingLogger log;
        const auto url = motel::test::fixtureRedis(kCacheDb);
        RedisCache cache(url, log.logger);
        for (int key = 0; key < 2500; ++key) // several SCAN batches
            cache.set("suite:" + std::to_string(key), "cached", milliseconds(60000));
        cache.increment("rate:[client]*", milliseconds(60000));
        {
            // Real queue keys: a waiting job and a delayed one, default prefix.
            RedisJobs producer(url, "producer", 1, log.logger);
            producer.enqueue("mail", "waiting");
            motel::sdk::JobOptions later;
            later.delay = std::chrono::hours(1);
            producer.enqueue("mail", "delayed", later);
        }
        const auto redis = motel::test::inspector(url);
        redis->command({"SET", "someone-else", "untouched"});

        RedisCacheClearer clearer(url, log.logger, RedisCache::defaultPrefix);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2501), clearer.clear());

        CPPUNIT_ASSERT(!cache.get("suite:1").has_value());
        CPPUNIT_ASSERT(!cache.ttl("rate:[client]*").has_value());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), redis->command({"XLEN", "motel:queue:mail:stream"}).integer());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), redis->command({"ZCARD", "motel:queue:mail:delayed"}).integer());
        CPPUNIT_ASSERT_EQUAL(std::string("untouched"), redis->command({"GET", "someone-else"}).text());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), clearer.clear());

        // The job is still there for a worker.
        std::atomic<bool> handled{false};
        RedisJobs worker(url, "worker", 1, log.logger);
        worker.handle("mail", [&](const Poco::Dynamic::Var& payload) { handled = payload.toString() == "waiting"; });
        worker.start();
        CPPUNIT_ASSERT(eventually([&] { return handled.load(); }));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisCacheTest);
