#pragma once
// Clears the Redis cache keys and nothing else.

#include "services/redis/CacheClearer.h"
#include "services/redis/RedisConnection.h"

#include <string>

namespace motel::host {

/// SCAN MATCH `<prefix>*` in batches and UNLINK what it finds: only keys
/// under the cache prefix (`motel:cache:` by default), so queue keys
/// (`motel:queue:`) and anything else in the database survive. Non-blocking
/// for the server (no KEYS, no FLUSHDB); keys written while it runs may
/// survive. Uses its own connection; one clear() at a time.
class RedisCacheClearer : public CacheClearer {
public:
    /// `prefix` must not be empty. Connects lazily; `logger` must outlive it.
    RedisCacheClearer(const RedisUrl& url, Poco::Logger& logger, std::string prefix);

    /// Throws RedisUnavailable (std::runtime_error) when Redis is down.
    std::size_t clear() override;

    /// `prefix` with SCAN's glob characters escaped, followed by `*`.
    static std::string matchPattern(const std::string& prefix);

private:
    RedisConnection redis_;
    const std::string prefix_;
};

} // namespace motel::host
