// LoginRateLimiter: one attacked (address, email) pair is throttled, nobody else.
#include "LoginRateLimiter.h"

#include <cppunit/extensions/HelperMacros.h>

#include <map>

using motel::auth::LoginRateLimiter;

namespace {

/// sdk::Cache with a hand-driven clock, enough for fixed-window counters.
class FakeCache : public motel::sdk::Cache {
public:
    std::chrono::milliseconds now{0};

    std::optional<std::string> get(const std::string& key) override {
        expire(key);
        auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        return it->second.value;
    }
    void set(const std::string& key, const std::string& value, std::chrono::milliseconds ttl) override {
        entries_[key] = {value, now + ttl};
    }
    void remove(const std::string& key) override { entries_.erase(key); }
    std::int64_t increment(const std::string& key, std::chrono::milliseconds window, std::int64_t by) override {
        expire(key);
        auto it = entries_.find(key);
        if (it == entries_.end()) it = entries_.emplace(key, Entry{"0", now + window}).first;
        const std::int64_t value = std::stoll(it->second.value) + by;
        it->second.value = std::to_string(value);
        return value;
    }
    std::optional<std::chrono::milliseconds> ttl(const std::string& key) override {
        expire(key);
        auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        return it->second.expiresAt - now;
    }
    std::size_t size() const { return entries_.size(); }
    const std::string& onlyKey() const { return entries_.begin()->first; }

private:
    struct Entry {
        std::string value;
        std::chrono::milliseconds expiresAt;
    };
    std::map<std::string, Entry> entries_;
    void expire(const std::string& key) {
        auto it = entries_.find(key);
        if (it != entries_.end() && it->second.expiresAt <= now) entries_.erase(it);
    }
};

} // namespace

class LoginRateLimiterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LoginRateLimiterTest);
    CPPUNIT_TEST(allowsTheConfiguredAttemptsThenBlocks);
    CPPUNIT_TEST(retryAfterCountsDownToTheEndOfTheWindow);
    CPPUNIT_TEST(otherEmailsAndAddressesAreNotAffected);
    CPPUNIT_TEST(emailCaseDoesNotEscapeTheLimit);
    CPPUNIT_TEST(successClearsOnlyItsOwnPair);
    CPPUNIT_TEST(windowEndLiftsTheBlock);
    CPPUNIT_TEST(keysAreBoundedAndDoNotContainTheEmail);
    CPPUNIT_TEST(sprayingOneAddressAcrossEmailsIsBlocked);
    CPPUNIT_TEST(successesDoNotCountAsAddressFailures);
    CPPUNIT_TEST_SUITE_END();

public:
    void allowsTheConfiguredAttemptsThenBlocks() {
        FakeCache cache;
        LoginRateLimiter limiter(cache, 5, std::chrono::minutes(1));
        for (int i = 0; i < 5; ++i) CPPUNIT_ASSERT(!limiter.admit("10.0.0.1", "a@x.test").has_value());
        CPPUNIT_ASSERT(limiter.admit("10.0.0.1", "a@x.test").has_value());
        CPPUNIT_ASSERT(limiter.admit("10.0.0.1", "a@x.test").has_value());
    }

    void retryAfterCountsDownToTheEndOfTheWindow() {
        FakeCache cache;
        LoginRateLimiter limiter(cache, 1, std::chrono::minutes(1));
        limiter.admit("10.0.0.1", "a@x.test");
        CPPUNIT_ASSERT_EQUAL(60, *limiter.admit("10.0.0.1", "a@x.test"));
        cache.now = std::chrono::milliseconds(45500);
        CPPUNIT_ASSERT_EQUAL(15, *limiter.admit("10.0.0.1", "a@x.test"));
        cache.now = std::chrono::milliseconds(59900);
        CPPUNIT_ASSERT_EQUAL(1, *limiter.admit("10.0.0.1", "a@x.test"));
    }

    void otherEmailsAndAddressesAreNotAffected() {
        FakeCache cache;
        LoginRateLimiter limiter(cache, 2, std::chrono::minutes(1));
        for (int i = 0; i < 5; ++i) limiter.admit("10.0.0.1", "victim@x.test");
        CPPUNIT_ASSERT(limiter.admit("10.0.0.1", "victim@x.test").has_value());
        CPPUNIT_ASSERT(!limiter.admit("10.0.0.1", "other@x.test").has_value());
        CPPUNIT_ASSERT(!limiter.admit("10.0.0.2", "victim@x.test").has_value());
    }

    void emailCaseDoesNotEscapeTheLimit() {
        FakeCache cache;
        LoginRateLimiter limiter(cache, 2, std::chrono::minutes(1));
        limiter.admit("10.0.0.1", "Victim@X.test");
        limiter.admit("10.0.0.1", " victim@x.TEST ");
        CPPUNIT_ASSERT(limiter.admit("10.0.0.1", "VICTIM@x.test").has_value());
    }

    void successClearsOnlyItsOwnPair() {
        FakeCache cache;
        LoginRateLimiter limiter(cache, 2, std::chrono::minutes(1));
        limiter.admit("10.0.0.1", "a@x.test");
        limiter.admit("10.0.0.1", "a@x.test");
        limiter.admit("10.0.0.1", "b@x.test");
        limiter.admit("10.0.0.1", "b@x.test");
        limiter.succeeded("10.0.0.1", "a@x.test");
        CPPUNIT_ASSERT(!limiter.admit("10.0.0.1", "a@x.test").has_value());
        CPPUNIT_ASSERT(limiter.admit("10.0.0.1", "b@x.test").has_value());
    }

    void windowEndLiftsTheBlock() {
        FakeCache cache;
        LoginRateLimiter limiter(cache, 1, std::chrono::seconds(30));
        limiter.admit("10.0.0.1", "a@x.test");
        CPPUNIT_ASSERT(limiter.admit("10.0.0.1", "a@x.test").has_value());
        cache.now = std::chrono::seconds(30);
        CPPUNIT_ASSERT(!limiter.admit("10.0.0.1", "a@x.test").has_value());
    }

    void keysAreBoundedAndDoNotContainTheEmail() {
        const std::string key = LoginRateLimiter::keyFor("10.0.0.1", std::string(5000, 'e') + "@x.test");
        CPPUNIT_ASSERT(key.size() < 64);
        CPPUNIT_ASSERT_EQUAL(std::string("auth:login:"), key.substr(0, 11));
        CPPUNIT_ASSERT(LoginRateLimiter::keyFor("10.0.0.1", "a@x.test").find("a@x") == std::string::npos);
        CPPUNIT_ASSERT(LoginRateLimiter::keyFor("10.0.0.1", "a@x.test") !=
                       LoginRateLimiter::keyFor("10.0.0.2", "a@x.test"));
        // The separator keeps ("1.2.3.4", "5@x") and ("1.2.3.45", "@x") apart.
        CPPUNIT_ASSERT(LoginRateLimiter::keyFor("1.2.3.4", "5@x") != LoginRateLimiter::keyFor("1.2.3.45", "@x"));
    }

    void sprayingOneAddressAcrossEmailsIsBlocked() {
        FakeCache cache;
        LoginRateLimiter limiter(cache, 5, std::chrono::minutes(1), 20, std::chrono::minutes(1));
        for (int i = 0; i < 20; ++i)
            CPPUNIT_ASSERT(!limiter.admit("10.0.0.1", "user" + std::to_string(i) + "@x.test").has_value());
        const auto retry = limiter.admit("10.0.0.1", "fresh@x.test");
        CPPUNIT_ASSERT_MESSAGE("the 21st failure in a minute is refused for any email", retry.has_value());
        CPPUNIT_ASSERT_EQUAL(60, *retry);
        CPPUNIT_ASSERT_MESSAGE("other addresses are not affected", !limiter.admit("10.0.0.2", "fresh@x.test"));
        cache.now = std::chrono::seconds(60);
        CPPUNIT_ASSERT(!limiter.admit("10.0.0.1", "fresh@x.test").has_value());
    }

    void successesDoNotCountAsAddressFailures() {
        FakeCache cache; // one front desk logging many staff in from one address
        LoginRateLimiter limiter(cache, 5, std::chrono::minutes(1), 3, std::chrono::minutes(1));
        for (int i = 0; i < 10; ++i) {
            const std::string email = "staff" + std::to_string(i) + "@x.test";
            CPPUNIT_ASSERT(!limiter.admit("10.0.0.1", email).has_value());
            limiter.succeeded("10.0.0.1", email);
        }
        for (int i = 0; i < 3; ++i) CPPUNIT_ASSERT(!limiter.admit("10.0.0.1", "typo@x.test").has_value());
        CPPUNIT_ASSERT(limiter.admit("10.0.0.1", "other@x.test").has_value());
        CPPUNIT_ASSERT(LoginRateLimiter::addressKeyFor("10.0.0.1") != LoginRateLimiter::keyFor("10.0.0.1", ""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LoginRateLimiterTest);
