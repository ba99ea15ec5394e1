#include "services/MemoryCache.h"

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>
#include <thread>
#include <vector>

using motel::host::MemoryCache;
using std::chrono::milliseconds;

namespace {

/// A clock the test moves by hand.
struct ManualClock {
    MemoryCache::Clock::time_point now = MemoryCache::Clock::time_point(std::chrono::hours(1000));
    MemoryCache::ClockFn function() {
        return [this] { return now; };
    }
};

} // namespace

class MemoryCacheTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MemoryCacheTest);
    CPPUNIT_TEST(testSetGetRemove);
    CPPUNIT_TEST(testEntriesExpire);
    CPPUNIT_TEST(testTtlReportsRemainingLifetime);
    CPPUNIT_TEST(testLeastRecentlyUsedIsEvicted);
    CPPUNIT_TEST(testIncrementUsesAFixedWindow);
    CPPUNIT_TEST(testIncrementRejectsNonIntegers);
    CPPUNIT_TEST(testConcurrentIncrements);
    CPPUNIT_TEST(testRejectsZeroCapacity);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSetGetRemove() {
        MemoryCache cache(10);
        CPPUNIT_ASSERT(!cache.get("auth:user:1"));
        cache.set("auth:user:1", "Ada", milliseconds(60000));
        CPPUNIT_ASSERT_EQUAL(std::string("Ada"), *cache.get("auth:user:1"));
        cache.set("auth:user:1", "Grace", milliseconds(60000));
        CPPUNIT_ASSERT_EQUAL(std::string("Grace"), *cache.get("auth:user:1"));
        cache.remove("auth:user:1");
        cache.remove("never-there");
        CPPUNIT_ASSERT(!cache.get("auth:user:1"));
    }

    void testEntriesExpire() {
        ManualClock clock;
        MemoryCache cache(10, clock.function());
        cache.set("short", "a", milliseconds(100));
        cache.set("forever", "b", milliseconds(0));
        clock.now += milliseconds(99);
        CPPUNIT_ASSERT(cache.get("short"));
        clock.now += milliseconds(1);
        CPPUNIT_ASSERT(!cache.get("short"));
        clock.now += std::chrono::hours(24 * 365);
        CPPUNIT_ASSERT_EQUAL(std::string("b"), *cache.get("forever"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), cache.size());
    }

    void testTtlReportsRemainingLifetime() {
        ManualClock clock;
        MemoryCache cache(10, clock.function());
        cache.set("k", "v", milliseconds(1000));
        clock.now += milliseconds(400);
        CPPUNIT_ASSERT_EQUAL(milliseconds(600).count(), cache.ttl("k")->count());
        CPPUNIT_ASSERT(!cache.ttl("absent"));
        cache.set("forever", "v", milliseconds(0));
        CPPUNIT_ASSERT(*cache.ttl("forever") == milliseconds::max());
        clock.now += milliseconds(600);
        CPPUNIT_ASSERT(!cache.ttl("k"));
    }

    void testLeastRecentlyUsedIsEvicted() {
        MemoryCache cache(2);
        cache.set("a", "1", milliseconds(0));
        cache.set("b", "2", milliseconds(0));
        CPPUNIT_ASSERT(cache.get("a")); // "b" is now the least recently used
        cache.set("c", "3", milliseconds(0));
        CPPUNIT_ASSERT(cache.get("a"));
        CPPUNIT_ASSERT(!cache.get("b"));
        CPPUNIT_ASSERT(cache.get("c"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), cache.size());
    }

    void testIncrementUsesAFixedWindow() {
        ManualClock clock;
        MemoryCache cache(10, clock.function());
        const milliseconds window(60000);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), cache.increment("login:1.2.3.4", window));
        clock.now += milliseconds(30000);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), cache.increment("login:1.2.3.4", window, 2));
        // The window started with the first increment and is not extended.
        CPPUNIT_ASSERT_EQUAL(milliseconds(30000).count(), cache.ttl("login:1.2.3.4")->count());
        CPPUNIT_ASSERT_EQUAL(std::string("3"), *cache.get("login:1.2.3.4"));
        clock.now += milliseconds(30000);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), cache.increment("login:1.2.3.4", window));
        CPPUNIT_ASSERT_EQUAL(window.count(), cache.ttl("login:1.2.3.4")->count());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-4), cache.increment("balance", window, -4));
    }

    void testIncrementRejectsNonIntegers() {
        MemoryCache cache(10);
        cache.set("name", "Ada", milliseconds(0));
        CPPUNIT_ASSERT_THROW(cache.increment("name", milliseconds(1000)), std::invalid_argument);
        CPPUNIT_ASSERT_EQUAL(std::string("Ada"), *cache.get("name"));
    }

    void testConcurrentIncrements() {
        MemoryCache cache(100);
        std::vector<std::thread> threads;
        for (int thread = 0; thread < 4; ++thread)
            threads.emplace_back([&cache, thread] {
                for (int hit = 0; hit < 1000; ++hit) {
                    cache.increment("hits", milliseconds(600000));
                    cache.set("scratch:" + std::to_string(thread) + ":" + std::to_string(hit % 50), "x",
                              milliseconds(600000));
                }
            });
        for (auto& thread : threads) thread.join();
        CPPUNIT_ASSERT_EQUAL(std::string("4000"), *cache.get("hits"));
        CPPUNIT_ASSERT(cache.size() <= 100);
    }

    void testRejectsZeroCapacity() { CPPUNIT_ASSERT_THROW(MemoryCache(0), std::invalid_argument); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MemoryCacheTest);
