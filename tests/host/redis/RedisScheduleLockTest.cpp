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
        redis_ = motel::test::inspector(motel::test::fixtureRedis(1));
        lock_ = std::make_unique<RedisScheduleLock>(motel::test::uniqueQueuePrefix());
    }

    void testATickIsClaimedOnce() {
        CPPUNIT_ASSERT(Claim::acquired == lock_->claim(*redis_, "overdue", 60000, "a@60000", milliseconds(10000)));
        lock_->release(*redis_, "overdue", "a@60000");
        CPPUNIT_ASSERT(Claim::alreadyClaimed ==
                       lock_->claim(*redis_, "overdue", 60000, "b@60000", milliseconds(10000)));
        CPPUNIT_ASSERT(Claim::acquired == lock_->claim(*redis_, "overdue", 120000, "b@120000", milliseconds(10000)));
    }

    void testALateHostCannotRunAnOlderTick() {
        CPPUNIT_ASSERT(Claim::acquired == lock_->claim(*redis_, "overdue", 120000, "a@120000", milliseconds(10000)));
        lock_->release(*redis_, "overdue", "a@120000");
        CPPUNIT_ASSERT(Claim::alreadyClaimed ==
                       lock_->claim(*redis_, "overdue", 60000, "b@60000", milliseconds(10000)));
    }

    void testRunsNeverOverlap() {
        CPPUNIT_ASSERT(Claim::acquired == lock_->claim(*redis_, "stayover", 60000, "a@60000", milliseconds(10000)));
        CPPUNIT_ASSERT(Claim::stillRunning ==
                       lock_->claim(*redis_, "stayover", 120000, "b@120000", milliseconds(10000)));
        lock_->release(*redis_, "stayover", "a@60000");
        CPPUNIT_ASSERT(Claim::acquired == lock_->claim(*redis_, "stayover", 180000, "b@180000", milliseconds(10000)));
    }

    void testOnlyTheHolderRenewsOrReleases() {
        CPPUNIT_ASSERT(Claim::acquired == lock_->claim(*redis_, "audit", 60000, "a@60000", milliseconds(10000)));
        CPPUNIT_ASSERT(lock_->renew(*redis_, "audit", "a@60000", milliseconds(20000)));
        CPPUNIT_ASSERT(!lock_->renew(*redis_, "audit", "b@60000", milliseconds(20000)));
        lock_->release(*redis_, "audit", "b@60000"); // not b's: stays
        CPPUNIT_ASSERT_EQUAL(std::string("a@60000"), redis_->command({"GET", lock_->lockKey("audit")}).text());
        const auto left = redis_->command({"PTTL", lock_->lockKey("audit")}).integer();
        CPPUNIT_ASSERT(left > 10000 && left <= 20000);
        lock_->release(*redis_, "audit", "a@60000");
        CPPUNIT_ASSERT(redis_->command({"GET", lock_->lockKey("audit")}).isNil());
    }

private:
    std::unique_ptr<motel::host::RedisConnection> redis_;
    std::unique_ptr<RedisScheduleLock> lock_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisScheduleLockTest);
