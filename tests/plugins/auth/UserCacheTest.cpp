// UserCache: what the authenticator may reuse, for how long, and what makes
// it forget. Time is a fake clock, so nothing here waits.
#include "UserCache.h"

#include <cppunit/extensions/HelperMacros.h>

namespace motel::auth {

namespace {

User userWith(std::int64_t id, const std::string& role) {
    User user;
    user.id = id;
    user.email = "u" + std::to_string(id) + "@motel.test";
    user.role = role;
    user.passwordHash = "$argon2id$secret";
    return user;
}

} // namespace

class UserCacheTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UserCacheTest);
    CPPUNIT_TEST(entriesExpireAfterTheTtl);
    CPPUNIT_TEST(invalidateForgetsOneUser);
    CPPUNIT_TEST(aReadThatRacedWithAnInvalidationIsNotKept);
    CPPUNIT_TEST(zeroTtlCachesNothing);
    CPPUNIT_TEST(sizeIsBounded);
    CPPUNIT_TEST(passwordHashesAreNotKept);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { now_ = UserCache::Clock::now(); }

    void entriesExpireAfterTheTtl() {
        UserCache cache(std::chrono::seconds(5), 100, clock());
        cache.put(userWith(7, "staff"), cache.generation());
        now_ += std::chrono::milliseconds(4999);
        CPPUNIT_ASSERT_EQUAL(std::string("staff"), cache.find(7)->role);
        now_ += std::chrono::milliseconds(1);
        CPPUNIT_ASSERT(!cache.find(7).has_value());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), cache.size());
    }

    void invalidateForgetsOneUser() {
        UserCache cache(std::chrono::hours(1), 100, clock());
        cache.put(userWith(1, "staff"), cache.generation());
        cache.put(userWith(2, "admin"), cache.generation());
        cache.invalidate(1);
        CPPUNIT_ASSERT(!cache.find(1).has_value());
        CPPUNIT_ASSERT(cache.find(2).has_value());
        cache.clear();
        CPPUNIT_ASSERT(!cache.find(2).has_value());
    }

    void aReadThatRacedWithAnInvalidationIsNotKept() {
        UserCache cache(std::chrono::hours(1), 100, clock());
        const auto before = cache.generation();  // a request starts reading user 3
        cache.invalidate(3);                     // meanwhile this host disables user 3
        cache.put(userWith(3, "staff"), before); // the request's (maybe old) row
        CPPUNIT_ASSERT(!cache.find(3).has_value());
        cache.put(userWith(3, "staff"), cache.generation());
        CPPUNIT_ASSERT(cache.find(3).has_value());
    }

    void zeroTtlCachesNothing() {
        UserCache cache(std::chrono::milliseconds(0), 100, clock());
        CPPUNIT_ASSERT(!cache.enabled());
        cache.put(userWith(1, "staff"), cache.generation());
        CPPUNIT_ASSERT(!cache.find(1).has_value());
    }

    void sizeIsBounded() {
        UserCache cache(std::chrono::seconds(5), 3, clock());
        for (std::int64_t id = 1; id <= 3; ++id) cache.put(userWith(id, "staff"), cache.generation());
        now_ += std::chrono::seconds(6); // all three expired: they make room first
        cache.put(userWith(4, "staff"), cache.generation());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), cache.size());
        for (std::int64_t id = 5; id <= 20; ++id) cache.put(userWith(id, "staff"), cache.generation());
        CPPUNIT_ASSERT(cache.size() <= 3);
        CPPUNIT_ASSERT(cache.find(20).has_value());
    }

    void passwordHashesAreNotKept() {
        UserCache cache(std::chrono::seconds(5), 100, clock());
        cache.put(userWith(9, "staff"), cache.generation());
        CPPUNIT_ASSERT(cache.find(9)->passwordHash.empty());
    }

private:
    UserCache::Clock::time_point now_;
    UserCache::Now clock() {
        return [this] { return now_; };
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UserCacheTest);

} // namespace motel::auth
