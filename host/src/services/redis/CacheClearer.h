#pragma once
// `motel-host cache clear`: empty the cache, never the queue.

#include <cstddef>

namespace motel::host {

/// Empties the shared cache. The old runbook's `redis-cli FLUSHALL` would
/// also destroy queued jobs; the host's `cache clear` command goes through
/// this instead. RedisCacheClearer removes only `motel:cache:*`;
/// MemoryCacheClearer empties the in-process MemoryCache.
class CacheClearer {
public:
    virtual ~CacheClearer() = default;
    /// Returns how many entries were removed. Throws when the cache cannot
    /// be reached (the command must say it failed).
    virtual std::size_t clear() = 0;
};

} // namespace motel::host
