#pragma once
/// What JwtAuthenticator knows about a user, kept for a short while per user
/// id so an authenticated request does not read the `users` table each time
/// (that read was a third of a list request's host CPU on PostgreSQL).
///
/// Staleness is bounded two ways:
///   - this host's own writes to a user (deactivation, role change, password
///     change, any PATCH) drop the entry at once: followUserEvents() has
///     `user.updated` / `user.deleted` call invalidate(); UserService
///     publishes them after commit, on the request thread, before the
///     request that made the change is answered;
///   - everything else (another host sharing the database, `motel-host user`
///     run as a separate process, a hand-edited row) is seen within `ttl`
///     (`plugins.auth.userCacheTtl`, default 5s; 0 turns the cache off).
///
/// A read that raced with an invalidation is not stored: put() takes the
/// generation() read before the database was asked, and refuses the value
/// when any invalidation happened in between. The cache holds at most
/// `maxEntries` users; when full, expired entries go first, then everything.
/// Thread-safe.

#include "User.h"

#include <motel/sdk/Events.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace motel::auth {

class UserCache {
public:
    using Clock = std::chrono::steady_clock;
    using Now = std::function<Clock::time_point()>;

    static constexpr std::size_t kDefaultMaxEntries = 10000;

    /// `now` is the clock (tests pass their own); a zero `ttl` disables caching.
    explicit UserCache(std::chrono::milliseconds ttl, std::size_t maxEntries = kDefaultMaxEntries,
                       Now now = &Clock::now);

    bool enabled() const { return ttl_.count() > 0; }
    std::chrono::milliseconds ttl() const { return ttl_; }

    /// The user as last read, while younger than the TTL.
    std::optional<User> find(std::int64_t id);
    /// Read before asking the database; pass it to put().
    std::uint64_t generation() const;
    /// Stores `user` unless an invalidation happened since `generationBeforeRead`.
    void put(const User& user, std::uint64_t generationBeforeRead);
    /// Forgets one user (this host changed it).
    void invalidate(std::int64_t id);
    /// Forgets everyone.
    void clear();
    /// Subscribes `cache` to this host's `user.*` events (see above); the
    /// subscription keeps the cache alive until it is unsubscribed.
    static sdk::EventBus::SubscriptionId followUserEvents(sdk::EventBus& events, std::shared_ptr<UserCache> cache);
    std::size_t size() const;

private:
    struct Entry {
        User user;
        Clock::time_point expires;
    };

    std::chrono::milliseconds ttl_;
    std::size_t maxEntries_;
    Now now_;
    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, Entry> entries_;
    std::uint64_t generation_ = 0;

    void makeRoom(Clock::time_point now);
};

} // namespace motel::auth
