#include "services/redis/RedisCache.h"

#include "services/redis/RedisError.h"

namespace motel::host {

namespace {

// KEYS: counter. ARGV: by, window ms. The window starts with the counter.
const char* const kIncrement = R"lua(
local created = redis.call('EXISTS', KEYS[1]) == 0
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if created and tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value
)lua";

} // namespace

RedisConnection::Options RedisCache::shortTimeouts() {
    RedisConnection::Options options;
    options.connectTimeout = std::chrono::milliseconds(500);
    options.commandTimeout = std::chrono::milliseconds(500);
    return options;
}

RedisCache::RedisCache(const RedisUrl& url, Poco::Logger& logger) : RedisCache(url, logger, Options()) {}

RedisCache::RedisCache(const RedisUrl& url, Poco::Logger& logger, Options options)
    : prefix_(options.prefix), pool_(url, logger, options.connection, options.connections, "cache"),
      increment_(kIncrement) {}

std::optional<std::string> RedisCache::get(const std::string& key) {
    try {
        const auto reply = pool_.with([&](RedisConnection& redis) { return redis.command({"GET", prefix_ + key}); });
        if (reply.isNil()) return std::nullopt;
        return reply.text();
    } catch (const RedisUnavailable&) {
        return std::nullopt;
    } catch (const RedisCommandError&) {
        return std::nullopt; // not a string (WRONGTYPE): not a value this cache wrote
    }
}

void RedisCache::set(const std::string& key, const std::string& value, std::chrono::milliseconds ttl) {
    std::vector<std::string> command{"SET", prefix_ + key, value};
    if (ttl.count() > 0) {
        command.push_back("PX");
        command.push_back(std::to_string(ttl.count()));
    }
    try {
        pool_.with([&](RedisConnection& redis) { return redis.command(command); });
    } catch (const RedisUnavailable&) {
        // a cache that cannot store simply misses later
    }
}

void RedisCache::remove(const std::string& key) {
    try {
        pool_.with([&](RedisConnection& redis) { return redis.command({"UNLINK", prefix_ + key}); });
    } catch (const RedisUnavailable&) {
        // nothing to do: the entry expires with its TTL
    }
}

std::int64_t RedisCache::increment(const std::string& key, std::chrono::milliseconds window, std::int64_t by) {
    try {
        return pool_.with([&](RedisConnection& redis) {
            return increment_.run(redis, {prefix_ + key}, {std::to_string(by), std::to_string(window.count())})
                .integer();
        });
    } catch (const RedisUnavailable&) {
        return by; // fail open
    } catch (const RedisCommandError& error) {
        throw std::invalid_argument("cache key '" + key + "' cannot be incremented: " + error.what());
    }
}

std::optional<std::chrono::milliseconds> RedisCache::ttl(const std::string& key) {
    std::int64_t left = -2;
    try {
        left = pool_.with([&](RedisConnection& redis) { return redis.command({"PTTL", prefix_ + key}).integer(); });
    } catch (const RedisUnavailable&) {
        return std::nullopt;
    }
    if (left == -2) return std::nullopt;
    if (left == -1) return std::chrono::milliseconds::max();
    // A key that is still there never reports 0 ms left (as MemoryCache).
    return std::chrono::milliseconds(std::max<std::int64_t>(1, left));
}

} // namespace motel::host
