#include "db/SqlDatabase.h"

#include "db/DatabaseErrors.h"
#include "db/PooledSession.h"
#include "db/PostgresConnection.h"
#include "db/SqliteConnection.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Stopwatch.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <vector>

namespace motel::host {

namespace {

void registerConnectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

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

ConfiguredSessionPool::Setup sessionSetup(const DatabaseUrl& url, const SqlDatabaseOptions& options,
                                          Poco::Logger& logger) {
    if (url.dialect() == sdk::Dialect::postgresql)
        return [&logger](Poco::Data::Session& session) { PostgresConnection::configure(session, logger); };
    const int busyMs = static_cast<int>(options.sqliteBusyTimeout.count());
    const bool inMemory = url.isInMemory();
    return [busyMs, inMemory](Poco::Data::Session& session) { SqliteConnection::configure(session, busyMs, inMemory); };
}

} // namespace

/// One pooled connection borrowed for the length of a call: a permit of the
/// semaphore, the Poco session and the dialect's SqlConnection over it. The
/// destructor ends any transaction left open and gives all three back.
class SqlDatabase::Lease {
public:
    Lease(SqlDatabase& database, std::chrono::milliseconds timeout) : database_(database) {
        if (!database.permits_.tryWait(static_cast<long>(std::max<std::int64_t>(0, timeout.count()))))
            throw DatabaseUnavailable("no database connection became free within " + std::to_string(timeout.count()) +
                                      " ms (db.pool.size=" + std::to_string(database.options_.poolSize) + ")");
        try {
            session_.emplace(takeLiveSession());
            if (database.dialect() == sdk::Dialect::sqlite) connection_ = std::make_unique<SqliteConnection>(*session_);
            else connection_ = std::make_unique<PostgresConnection>(*session_);
        } catch (const Poco::Exception& error) {
            giveBack();
            throw DatabaseUnavailable("cannot connect to " + database.url_.redacted() + ": " + error.displayText());
        } catch (const DatabaseUnavailable&) {
            giveBack();
            throw;
        } catch (const std::exception& error) {
            giveBack();
            throw DatabaseUnavailable("cannot connect to " + database.url_.redacted() + ": " + error.what());
        }
    }
    ~Lease() { giveBack(); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    SqlConnection& connection() { return *connection_; }

private:
    SqlDatabase& database_;
    std::optional<Poco::Data::Session> session_;
    std::unique_ptr<SqlConnection> connection_;

    /// A pooled session. On PostgreSQL, a new connection is only opened when
    /// the server answers, and an idle one the server closed (restart,
    /// failover) is reopened in place before it is lent out.
    Poco::Data::Session takeLiveSession() {
        const bool postgres = database_.dialect() == sdk::Dialect::postgresql;
        if (postgres && database_.pool_->idle() == 0 && !PostgresConnection::serverAnswers(database_.connectionString_))
            throw DatabaseUnavailable("no PostgreSQL server answers at " + database_.url_.redacted());
        Poco::Data::Session session = database_.pool_->get();
        if (!postgres || PostgresConnection::isAlive(session) || PostgresConnection::reconnect(session)) return session;
        session.close(); // bad now, so the pool drops it
        throw DatabaseUnavailable("the server closed the connection to " + database_.url_.redacted() +
                                  " and refuses a new one");
    }

    void giveBack() noexcept {
        if (connection_) connection_->rollback();
        connection_.reset();
        if (session_) {
            try {
                session_->close(); // back to the pool, or dropped when it went bad
            } catch (...) {
            }
            session_.reset();
        }
        database_.permits_.set();
    }
};

SqlDatabase::SqlDatabase(DatabaseUrl url, SqlDatabaseOptions options, Poco::Logger& logger)
    : url_(std::move(url)), options_(options), logger_(logger), permits_(effectivePoolSize(url_, options_)) {
    registerConnectors();
    options_.poolSize = effectivePoolSize(url_, options_);
    if (url_.dialect() == sdk::Dialect::sqlite && !url_.isInMemory()) {
        Poco::Path folder = Poco::Path(url_.path()).parent();
        if (!folder.toString().empty()) Poco::File(folder).createDirectories();
    }
    const int connectTimeout = static_cast<int>((options_.acquireTimeout.count() + 999) / 1000);
    connectionString_ = url_.connectionString(connectTimeout);
    pool_ = std::make_unique<ConfiguredSessionPool>(url_.connector(), connectionString_,
                                                    options_.poolSize, static_cast<int>(options_.idleTime.count()),
                                                    sessionSetup(url_, options_, logger_));
}

SqlDatabase::~SqlDatabase() {
    try {
        pool_->shutdown();
    } catch (...) {
    }
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
    stats.inUse = pool_->used();
    stats.open = pool_->allocated();
    return stats;
}

} // namespace motel::host
