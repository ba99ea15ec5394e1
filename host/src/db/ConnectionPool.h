#pragma once
/// The idle connections of one SqlDatabase, ready to be lent again.
///
/// It owns SqlConnection objects, not driver sessions, so what a connection
/// caches (its prepared statements) lives and dies with it. Lending is
/// last-in-first-out (the warmest connection first). Idle connections above
/// one that have not been used for `idleTime` are closed at the next take()
/// or giveBack(); the last one stays open (for `:memory:` it is the database).
/// How many may be lent at once is SqlDatabase's semaphore's business, not
/// this class's.

#include "db/SqlConnection.h"

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace motel::host {

class ConnectionPool {
public:
    using Opener = std::function<std::unique_ptr<SqlConnection>()>;

    /// `open` makes a new connection or throws (DatabaseUnavailable).
    ConnectionPool(Opener open, std::chrono::seconds idleTime);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    /// An idle connection that is still alive, or a new one. Idle ones the
    /// server closed meanwhile are dropped on the way.
    std::unique_ptr<SqlConnection> take();
    /// Keeps `connection` for the next take() when it is reusable, closes it otherwise.
    void giveBack(std::unique_ptr<SqlConnection> connection) noexcept;

    int lent() const;
    int open() const; ///< lent plus idle
    /// Closes every idle connection (shutdown).
    void closeIdle() noexcept;
    /// SqlConnection::releaseMemory() on every idle connection.
    void releaseIdleMemory() noexcept;
    /// Prepared statements kept by the idle connections (lent ones are
    /// another thread's to read).
    std::size_t idleCachedStatements() const;

private:
    using Clock = std::chrono::steady_clock;
    struct Idle {
        std::unique_ptr<SqlConnection> connection;
        Clock::time_point since;
    };

    Opener open_;
    std::chrono::seconds idleTime_;
    mutable std::mutex mutex_;
    std::vector<Idle> idle_; ///< oldest first
    int lent_ = 0;

    /// Moves idle connections past their idle time (keeping one) into `expired`.
    void collectExpired(std::vector<Idle>& expired);
};

} // namespace motel::host
