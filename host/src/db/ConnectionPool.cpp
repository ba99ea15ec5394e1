#include "db/ConnectionPool.h"

namespace motel::host {

ConnectionPool::ConnectionPool(Opener open, std::chrono::seconds idleTime)
    : open_(std::move(open)), idleTime_(idleTime) {}

ConnectionPool::~ConnectionPool() {
    closeIdle();
}

void ConnectionPool::collectExpired(std::vector<Idle>& expired) {
    const auto now = Clock::now();
    std::size_t stale = 0;
    while (stale + 1 < idle_.size() && now - idle_[stale].since >= idleTime_) ++stale;
    for (std::size_t i = 0; i < stale; ++i) expired.push_back(std::move(idle_[i]));
    idle_.erase(idle_.begin(), idle_.begin() + static_cast<std::ptrdiff_t>(stale));
}

std::unique_ptr<SqlConnection> ConnectionPool::take() {
    std::vector<Idle> closing; // closed outside the lock (a PQfinish talks to the server)
    for (;;) {
        std::unique_ptr<SqlConnection> candidate;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            collectExpired(closing);
            if (idle_.empty()) {
                ++lent_;
                break;
            }
            candidate = std::move(idle_.back().connection);
            idle_.pop_back();
            ++lent_;
        }
        if (candidate->alive()) return candidate;
        candidate.reset();
        std::lock_guard<std::mutex> lock(mutex_);
        --lent_;
    }
    closing.clear();
    try {
        return open_();
    } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        --lent_;
        throw;
    }
}

void ConnectionPool::giveBack(std::unique_ptr<SqlConnection> connection) noexcept {
    std::vector<Idle> closing;
    const bool keep = connection && connection->reusable();
    std::lock_guard<std::mutex> lock(mutex_);
    if (connection) --lent_;
    if (keep) idle_.push_back({std::move(connection), Clock::now()});
    collectExpired(closing);
    // `closing` and a dropped `connection` close here, after the lock: declared
    // before it, they are destroyed after it is released.
}

int ConnectionPool::lent() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return lent_;
}

int ConnectionPool::open() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return lent_ + static_cast<int>(idle_.size());
}

void ConnectionPool::closeIdle() noexcept {
    std::vector<Idle> closing;
    std::lock_guard<std::mutex> lock(mutex_);
    closing.swap(idle_);
}

void ConnectionPool::releaseIdleMemory() noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& idle : idle_) idle.connection->releaseMemory();
}

std::size_t ConnectionPool::idleCachedStatements() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t count = 0;
    for (const auto& idle : idle_) count += idle.connection->cachedStatements();
    return count;
}

} // namespace motel::host
