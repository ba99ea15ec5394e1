#pragma once
// The Cache every plugin receives when `redis.url` is set.

#include "services/redis/RedisConnectionPool.h"
#include "services/redis/RedisScript.h"

#include <motel/sdk/Cache.h>

#include <cstddef>
#include <string>

namespace motel::host {

/// sdk::Cache on Redis, shared by every host: GET, SET PX, UNLINK, PTTL and
/// a Lua script for counters (INCRBY, PEXPIRE only when the script created
/// the key: a fixed window, as MemoryCache does). Every key gets the prefix
/// `motel:cache:` so the cache lives apart from the queue (`motel:queue:`),
/// and RedisCacheClearer can empty it without touching jobs.
///
/// A cache must never take the host down with it: while Redis is
/// unreachable get() and ttl() miss, set() and remove() do nothing,
/// increment() fails open (returns `by`, as the first hit of a window), and
/// no call waits for more than the short command timeout (then the
/// connection's reconnect backoff answers at once). RedisConnection logs the
/// outage once. Thread-safe.
class RedisCache : public sdk::Cache {
public:
    static constexpr const char* defaultPrefix = "motel:cache:";

    struct Options {
        std::string prefix = defaultPrefix;
        std::size_t connections = 4;
        RedisConnection::Options connection = shortTimeouts();
    };

    /// `logger` must outlive the cache. Connects lazily.
    RedisCache(const RedisUrl& url, Poco::Logger& logger);
    RedisCache(const RedisUrl& url, Poco::Logger& logger, Options options);

    std::optional<std::string> get(const std::string& key) override;
    /// A `ttl` of zero or less stores the value without expiry.
    void set(const std::string& key, const std::string& value, std::chrono::milliseconds ttl) override;
    void remove(const std::string& key) override;
    /// std::invalid_argument when the key holds a non-integer or the result
    /// would overflow (like MemoryCache). A `window` of zero or less creates
    /// a counter without expiry; an existing counter keeps its lifetime.
    std::int64_t increment(const std::string& key, std::chrono::milliseconds window, std::int64_t by = 1) override;
    /// std::chrono::milliseconds::max() for a key without expiry.
    std::optional<std::chrono::milliseconds> ttl(const std::string& key) override;

    const std::string& prefix() const { return prefix_; }

private:
    static RedisConnection::Options shortTimeouts();

    const std::string prefix_;
    RedisConnectionPool pool_;
    const RedisScript increment_;
};

} // namespace motel::host
