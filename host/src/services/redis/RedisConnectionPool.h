#pragma once
// A few Redis connections shared by many threads.

#include "services/redis/RedisConnection.h"

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace motel::host {

/// Lends RedisConnections to callers on arbitrary threads (HTTP threads
/// using the cache, plugins enqueueing jobs): `with(fn)` runs `fn` on a free
/// connection, waiting while all are lent out. Each connection keeps its own
/// reconnect backoff, so while Redis is down calls fail fast with
/// RedisUnavailable instead of blocking the caller.
class RedisConnectionPool {
public:
    /// `size` must be positive. Connections are opened lazily.
    RedisConnectionPool(const RedisUrl& url, Poco::Logger& logger, RedisConnection::Options options, std::size_t size,
                        const std::string& name);

    RedisConnectionPool(const RedisConnectionPool&) = delete;
    RedisConnectionPool& operator=(const RedisConnectionPool&) = delete;

    template <class Fn> auto with(Fn&& fn) {
        Lease lease(*this);
        return fn(lease.connection());
    }

private:
    /// A connection taken from the pool for one scope.
    class Lease {
    public:
        explicit Lease(RedisConnectionPool& pool);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        RedisConnection& connection() { return *connection_; }

    private:
        RedisConnectionPool& pool_;
        RedisConnection* connection_;
    };

    std::vector<std::unique_ptr<RedisConnection>> connections_;
    std::vector<RedisConnection*> idle_;
    std::mutex mutex_;
    std::condition_variable returned_;
};

} // namespace motel::host
