#include "RedisTestSupport.h"

#include "services/redis/RedisScheduleLock.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::RedisScheduleLock;
using Claim = motel::host::RedisScheduleLock::Claim;
using std::chrono::milliseconds;

class RedisScheduleLockTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RedisScheduleLockTest);
    CPPUNIT_TEST(testATickIsClaimedOnce);
    CPPUNIT_TEST(testALateHostCannotRunAnOlderTick);
    CPPUNIT_TEST(testRunsNeverOverlap);
    CPPUNIT_TEST(testOnlyTheHolderRenewsOrReleases);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        _redis = motel::test::inspector(motel::test::fixtureRedis(1));
        _lock = std::make_unique<RedisScheduleLock>(motel::test::uniqueQueuePrefix());
    }

    void testATickIsClaimedOnce() {
        CPPUNIT_ASSERT(Claim::acquired == _lock->claim(*_redis, "overdue", 60000, "a@60000", milliseconds(10000)));
        _lock->release(*_redis, "overdue", "a@60000");
        CPPUNIT_ASSERT(Claim::alreadyClaimed ==
                       _lock->claim(*_redis, "overdue", 60000, "b@60000", milliseconds(10000)));
        CPPUNIT_ASSERT(Claim::acquired == _lock->claim(*_redis, "overdue", 120000, "b@120000", milliseconds(10000)));
    }

    void testALateHostCannotRunAnOlderTick() {
        CPPUNIT_ASSERT(Claim::acquired == _lock->claim(*_redis, "overdue", 120000, "a@120000", milliseconds(10000)));
        _lock->release(*_redis, "overdue", "a@120000");
        CPPUNIT_ASSERT(Claim::alreadyClaimed ==
                       _lock->claim(*_redis, "overdue", 60000, "b@60000", milliseconds(10000)));
    }

    void testRunsNeverOverlap() {
        CPPUNIT_ASSERT(Claim::acquired == _lock->claim(*_redis, "stayover", 60000, "a@60000", milliseconds(10000)));
        CPPUNIT_ASSERT(Claim::stillRunning ==
                       _lock->claim(*_redis, "stayover", 120000, "b@120000", milliseconds(10000)));
        _lock->release(*_redis, "stayover", "a@60000");
        CPPUNIT_ASSERT(Claim::acquired == _lock->claim(*_redis, "stayover", 180000, "b@180000", milliseconds(10000)));
    }

    void testOnlyTheHolderRenewsOrReleases() {
        CPPUNIT_ASSERT(Claim::acquired == _lock->claim(*_redis, "audit", 60000, "a@60000", milliseconds(10000)));
        CPPUNIT_ASSERT(_lock->renew(*_redis, "audit", "a@60000", milliseconds(20000)));
        CPPUNIT_ASSERT(!_lock->renew(*_redis, "audit", "b@60000", milliseconds(20000)));
        _lock->release(*_redis, "audit", "b@60000"); // not b's: stays
        CPPUNIT_ASSERT_EQUAL(std::string("a@60000"), _redis->command({"GET", _lock->lockKey("audit")}).text());
        const auto left = _redis->command({"PTTL", _lock->lockKey("audit")}).integer();
        CPPUNIT_ASSERT(left > 10000 && left <= 20000);
        _lock->release(*_redis, "audit", "a@60000");
        CPPUNIT_ASSERT(_redis->command({"GET", _lock->lockKey("audit")}).isNil());
    }

private:
    std::unique_ptr<motel::host::RedisConnection> _redis;
    std::unique_ptr<RedisScheduleLock> _lock;
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisScheduleLockTest);
