#pragma once
/// The sdk::SqlSession a plugin's callback receives: one borrowed connection
/// plus the transaction state on it. Transactions nest: the outermost is a
/// real BEGIN/COMMIT, inner ones are savepoints, so an inner failure a
/// plugin catches (say a UniqueViolation it answers itself) undoes only the
/// inner work. After-commit hooks wait for the outermost commit and are
/// dropped with any rollback that covers them.
///
/// Used only by SqlDatabase, on the thread that borrowed the connection.

#include "db/SqlConnection.h"

#include <motel/sdk/Database.h>

#include <Poco/Logger.h>

#include <functional>
#include <vector>

namespace motel::host {

class PooledSession : public sdk::SqlSession {
public:
    PooledSession(SqlConnection& connection, Poco::Logger& logger);

    sdk::Dialect dialect() const override { return connection_.dialect(); }
    sdk::ResultSet query(const std::string& sql, const sdk::SqlParams& params = {}) override;
    std::int64_t execute(const std::string& sql, const sdk::SqlParams& params = {}) override;
    void afterCommit(std::function<void()> fn) override;
    void forEachRow(const std::string& sql, const sdk::SqlParams& params,
                    const std::function<void(const sdk::RowView&)>& onRow) override;

    /// Runs `work` in a transaction (a savepoint when one is already open):
    /// committed when it returns, rolled back when it throws (rethrown).
    /// At the outermost commit, runs the hooks; a hook that throws is logged
    /// and the others still run, since the change has happened.
    void transaction(const std::function<void(sdk::SqlSession&)>& work);
    bool inTransaction() const { return depth_ > 0; }

private:
    SqlConnection& connection_;
    Poco::Logger& logger_;
    int depth_ = 0;
    std::vector<std::function<void()>> hooks_;

    void outermost(const std::function<void(sdk::SqlSession&)>& work);
    void nested(const std::function<void(sdk::SqlSession&)>& work);
    void runHooks(std::vector<std::function<void()>> hooks) noexcept;
};

} // namespace motel::host
