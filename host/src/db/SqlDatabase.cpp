#include "db/SqlDatabase.h"

#include "db/DatabaseErrors.h"
#include "db/PooledSession.h"
#include "db/ConnectionFactory.h"
#include "db/SqliteWriteGate.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Stopwatch.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <vector>

namespace motel::host {

namespace {

/// The sessions this thread is inside, innermost last, so nested calls on
/// the same database reuse the outer connection.
struct ActiveSession {
    const SqlDatabase* database;
    PooledSession* session;
};
thread_local std::vector<ActiveSession> activeSessions;

PooledSession* activeSessionOf(const SqlDatabase* database) {
    for (auto it = activeSessions.rbegin(); it != activeSessions.rend(); ++it)
        if (it->database == database) return it->session;
    return nullptr;
}

class ActiveScope {
public:
    ActiveScope(const SqlDatabase* database, PooledSession* session) { activeSessions.push_back({database, session}); }
    ~ActiveScope() { activeSessions.pop_back(); }
    ActiveScope(const ActiveScope&) = delete;
    ActiveScope& operator=(const ActiveScope&) = delete;
};

int effectivePoolSize(const DatabaseUrl& url, const SqlDatabaseOptions& options) {
    // Every connection to ":memory:" would be a database of its own.
    return url.isInMemory() ? 1 : std::max(1, options.poolSize);
}

} // namespace

/// One pooled connection borrowed for the length of a call: a permit of the
/// semaphore and the connection. The destructor ends any transaction left
/// open and gives both back.
class SqlDatabase::Lease {
public:
    Lease(SqlDatabase& database, std::chrono::milliseconds timeout) : database_(database) {
        if (!database.permits_.tryWait(static_cast<long>(std::max<std::int64_t>(0, timeout.count()))))
            throw DatabaseUnavailable("no database connection became free within " + std::to_string(timeout.count()) +
                                      " ms (db.pool.size=" + std::to_string(database.options_.poolSize) + ")");
        try {
            connection_ = database.pool_->take();
        } catch (const DatabaseUnavailable& error) {
            database_.permits_.set();
            throw DatabaseUnavailable("cannot connect to " + database.url_.redacted() + ": " + error.detail());
        } catch (const std::exception& error) {
            database_.permits_.set();
            throw DatabaseUnavailable("cannot connect to " + database.url_.redacted() + ": " + error.what());
        }
    }
    ~Lease() {
        connection_->rollback();
        database_.pool_->giveBack(std::move(connection_));
        database_.permits_.set();
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    SqlConnection& connection() { return *connection_; }

private:
    SqlDatabase& database_;
    std::unique_ptr<SqlConnection> connection_;
};

SqlDatabase::SqlDatabase(DatabaseUrl url, SqlDatabaseOptions options, Poco::Logger& logger)
    : url_(std::move(url)), options_(options), logger_(logger), permits_(effectivePoolSize(url_, options_)) {
    options_.poolSize = effectivePoolSize(url_, options_);
    if (url_.dialect() == sdk::Dialect::sqlite && !url_.isInMemory()) {
        Poco::Path folder = Poco::Path(url_.path()).parent();
        if (!folder.toString().empty()) Poco::File(folder).createDirectories();
    }
    const int connectTimeout = static_cast<int>((options_.acquireTimeout.count() + 999) / 1000);
    connectionString_ = url_.connectionString(connectTimeout);
    if (url_.dialect() == sdk::Dialect::sqlite) writers_ = std::make_shared<SqliteWriteGate>();
    pool_ = std::make_unique<ConnectionPool>([this] { return openConnection(); }, options_.idleTime);
}

SqlDatabase::~SqlDatabase() {
    pool_->closeIdle();
}

std::unique_ptr<SqlConnection> SqlDatabase::openConnection() {
    ConnectionSettings settings;
    settings.connectionString = connectionString_;
    settings.sqliteBusyTimeout = options_.sqliteBusyTimeout;
    settings.statementCacheSize = options_.statementCacheSize;
    settings.writers = writers_;
    return openSqlConnection(url_, settings, logger_);
}

void SqlDatabase::borrow(std::chrono::milliseconds timeout, const std::function<void(PooledSession&)>& work) {
    if (PooledSession* current = activeSessionOf(this)) {
        work(*current);
        return;
    }
    Lease lease(*this, timeout);
    PooledSession session(lease.connection(), logger_);
    ActiveScope scope(this, &session);
    work(session);
}

void SqlDatabase::withSession(const std::function<void(sdk::SqlSession&)>& work) {
    try {
        borrow(options_.acquireTimeout, [&](PooledSession& session) { work(session); });
    } catch (const DatabaseUnavailable& error) {
        logger_.warning("database unavailable: " + error.detail());
        throw;
    }
}

void SqlDatabase::transaction(const std::function<void(sdk::SqlSession&)>& work) {
    try {
        borrow(options_.acquireTimeout, [&](PooledSession& session) { session.transaction(work); });
    } catch (const DatabaseUnavailable& error) {
        logger_.warning("database unavailable: " + error.detail());
        throw;
    }
}

SqlDatabase::PingResult SqlDatabase::ping(std::chrono::milliseconds timeout) {
    PingResult result;
    Poco::Stopwatch watch;
    watch.start();
    try {
        borrow(timeout, [](PooledSession& session) { session.query("SELECT 1", {}); });
        result.up = true;
    } catch (const DatabaseUnavailable& error) {
        result.error = error.detail();
    } catch (const std::exception& error) {
        result.error = error.what();
    } catch (...) {
        result.error = "unknown error";
    }
    result.milliseconds = static_cast<double>(watch.elapsed()) / 1000.0;
    return result;
}

SqlDatabase::PoolStats SqlDatabase::poolStats() const {
    PoolStats stats;
    stats.capacity = options_.poolSize;
    stats.inUse = pool_->lent();
    stats.open = pool_->open();
    stats.idleCachedStatements = pool_->idleCachedStatements();
    return stats;
}

void SqlDatabase::releaseIdleMemory() noexcept {
    pool_->releaseIdleMemory();
}

} // namespace motel::host
