#pragma once
// The in-memory Cache used when no Redis is configured.

#include <motel/sdk/Cache.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace motel::host {

/// The Cache every plugin receives when `redis.url` is unset: a
/// least-recently-used map bounded by entry count, with a lifetime per key,
/// behaving like the Redis commands the Redis-backed cache will use (GET,
/// SET PX, DEL, INCRBY + PEXPIRE on creation, PTTL). Expired keys are dropped
/// lazily; when full, the least recently used key goes. Thread-safe.
class MemoryCache : public sdk::Cache {
public:
    using Clock = std::chrono::steady_clock;
    using ClockFn = std::function<Clock::time_point()>;

    /// `maxEntries` must be positive. `clock` exists for tests.
    explicit MemoryCache(std::size_t maxEntries, ClockFn clock = &Clock::now);
    ~MemoryCache() override;

    MemoryCache(const MemoryCache&) = delete;
    MemoryCache& operator=(const MemoryCache&) = delete;

    std::optional<std::string> get(const std::string& key) override;
    /// A `ttl` of zero or less stores the value without expiry.
    void set(const std::string& key, const std::string& value, std::chrono::milliseconds ttl) override;
    void remove(const std::string& key) override;
    /// Throws std::invalid_argument when the key holds a non-integer value
    /// (like Redis). A `window` of zero or less creates a counter without
    /// expiry; an existing counter keeps its lifetime.
    std::int64_t increment(const std::string& key, std::chrono::milliseconds window, std::int64_t by = 1) override;
    /// std::chrono::milliseconds::max() for a key without expiry.
    std::optional<std::chrono::milliseconds> ttl(const std::string& key) override;

    /// Live (unexpired) entries; for diagnostics and tests.
    std::size_t size();

private:
    struct Entry {
        std::string key;
        std::string value;
        std::optional<Clock::time_point> expiresAt;
    };
    using Entries = std::list<Entry>; ///< most recently used first

    /// The live entry for `key`, moved to the front; end() when absent or
    /// expired (an expired one is erased). Call with mutex_ held.
    Entries::iterator touch(const std::string& key, Clock::time_point now);
    /// Insert at the front, evicting the least recently used entry when full.
    /// Call with mutex_ held and `key` absent.
    void insert(Entry entry);
    void erase(Entries::iterator entry);
    static std::optional<Clock::time_point> expiry(Clock::time_point now, std::chrono::milliseconds ttl);

    const std::size_t maxEntries_;
    const ClockFn clock_;
    std::mutex mutex_;
    Entries entries_;
    std::unordered_map<std::string, Entries::iterator> index_;
};

} // namespace motel::host
