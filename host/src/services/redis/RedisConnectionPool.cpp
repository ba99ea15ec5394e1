#include "services/redis/RedisConnectionPool.h"

#include <stdexcept>

namespace motel::host {

RedisConnectionPool::RedisConnectionPool(const RedisUrl& url, Poco::Logger& logger, RedisConnection::Options options,
                                         std::size_t size, const std::string& name) {
    if (size == 0) throw std::invalid_argument("a Redis connection pool needs at least one connection");
    for (std::size_t index = 0; index < size; ++index) {
        connections_.push_back(
            std::make_unique<RedisConnection>(url, logger, options, name + " " + std::to_string(index + 1)));
        idle_.push_back(connections_.back().get());
    }
}

RedisConnectionPool::Lease::Lease(RedisConnectionPool& pool) : pool_(pool) {
    std::unique_lock<std::mutex> lock(pool.mutex_);
    pool.returned_.wait(lock, [&pool] { return !pool.idle_.empty(); });
    connection_ = pool.idle_.back();
    pool.idle_.pop_back();
}

RedisConnectionPool::Lease::~Lease() {
    {
        std::lock_guard<std::mutex> lock(pool_.mutex_);
        pool_.idle_.push_back(connection_);
    }
    pool_.returned_.notify_one();
}

} // namespace motel::host
