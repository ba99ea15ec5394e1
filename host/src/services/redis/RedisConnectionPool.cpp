#include "services/redis/RedisConnectionPool.h"

#include <stdexcept>

namespace motel::host {

RedisConnectionPool::RedisConnectionPool(const RedisUrl& url, Poco::Logger& logger, RedisConnection::Options options,
                                         std::size_t size, const std::string& name) {
    if (size == 0) throw std::invalid_argument("a Redis connection pool needs at least one connection");
    for (std::size_t index = 0; index < size; ++index) {
        _connections.push_back(
            std::make_unique<RedisConnection>(url, logger, options, name + " " + std::to_string(index + 1)));
        _idle.push_back(_connections.back().get());
    }
}

RedisConnectionPool::Lease::Lease(RedisConnectionPool& pool) : _pool(pool) {
    std::unique_lock<std::mutex> lock(pool._mutex);
    pool._returned.wait(lock, [&pool] { return !pool._idle.empty(); });
    _connection = pool._idle.back();
    pool._idle.pop_back();
}

RedisConnectionPool::Lease::~Lease() {
    {
        std::lock_guard<std::mutex> lock(_pool._mutex);
        _pool._idle.push_back(_connection);
    }
    _pool._returned.notify_one();
}

} // namespace motel::host
