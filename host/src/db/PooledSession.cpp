#include "db/PooledSession.h"
#include "services/ExceptionText.h"

#include <exception>

namespace motel::host {

PooledSession::PooledSession(SqlConnection& connection, Poco::Logger& logger)
    : connection_(connection), logger_(logger) {}

sdk::ResultSet PooledSession::query(const std::string& sql, const sdk::SqlParams& params) {
    return connection_.query(sql, params);
}

std::int64_t PooledSession::execute(const std::string& sql, const sdk::SqlParams& params) {
    return connection_.execute(sql, params);
}

void PooledSession::forEachRow(const std::string& sql, const sdk::SqlParams& params,
                               const std::function<void(const sdk::RowView&)>& onRow) {
    connection_.forEachRow(sql, params, onRow);
}

void PooledSession::afterCommit(std::function<void()> fn) {
    if (!fn) return;
    if (depth_ == 0)
        runHooks({std::move(fn)});
    else
        hooks_.push_back(std::move(fn));
}

void PooledSession::transaction(const std::function<void(sdk::SqlSession&)>& work) {
    if (depth_ == 0)
        outermost(work);
    else
        nested(work);
}

void PooledSession::outermost(const std::function<void(sdk::SqlSession&)>& work) {
    connection_.begin();
    depth_ = 1;
    try {
        work(*this);
        connection_.commit();
    } catch (...) {
        depth_ = 0;
        hooks_.clear();
        connection_.rollback();
        throw;
    }
    depth_ = 0;
    std::vector<std::function<void()>> hooks;
    hooks.swap(hooks_);
    runHooks(std::move(hooks));
}

void PooledSession::nested(const std::function<void(sdk::SqlSession&)>& work) {
    const std::string savepoint = "motel_savepoint_" + std::to_string(depth_);
    connection_.execute("SAVEPOINT " + savepoint, {});
    const std::size_t hooksBefore = hooks_.size();
    ++depth_;
    try {
        work(*this);
    } catch (...) {
        --depth_;
        hooks_.resize(hooksBefore);
        try {
            connection_.execute("ROLLBACK TO SAVEPOINT " + savepoint, {});
            connection_.execute("RELEASE SAVEPOINT " + savepoint, {});
        } catch (...) {
            // The connection is in trouble; the outer transaction's rollback
            // (or the pool dropping the connection) cleans up.
        }
        throw;
    }
    --depth_;
    connection_.execute("RELEASE SAVEPOINT " + savepoint, {});
}

void PooledSession::runHooks(std::vector<std::function<void()>> hooks) noexcept {
    for (auto& hook : hooks) {
        try {
            hook();
        } catch (...) {
            logger_.error("after-commit hook failed (the transaction stays committed): " + describeCurrentException());
        }
    }
}

} // namespace motel::host
