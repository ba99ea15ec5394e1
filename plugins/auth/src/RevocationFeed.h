#pragma once
/// Keeps every host in step with the revocations written by any host (or by
/// `motel-host user ...`), with the table `auth_revocations` as the source
/// of truth:
///   - announce() writes a Revocation in the caller's transaction; after the
///     commit this host applies it at once (RevokedTokens, the event on its
///     own bus) and tells the others through the RevocationSignal (Redis);
///   - a thread reads the rows other processes wrote: at every poll
///     (`plugins.auth.revocationPoll`, default 500ms) and at once when the
///     signal wakes it. For each new row it updates RevokedTokens and
///     publishes the row's event on this host's bus (UserCache forgets the
///     user, the realtime plugin ends the sockets).
///
/// Propagation: with Redis, one PUBLISH plus one indexed query (a few
/// milliseconds); without, at most one poll interval. A request never pays
/// a database round trip for this: the authenticator only asks RevokedTokens.
///
/// Rows are read again for kLookback after they were written (a PostgreSQL
/// row may commit after a row with a higher id, and hosts' clocks differ);
/// ids already applied are remembered for that long, so each row is applied
/// once per host. The rows of this process are applied by announce() only.

#include "Revocation.h"
#include "RevocationSignal.h"
#include "RevokedTokens.h"

#include <motel/sdk/Database.h>
#include <motel/sdk/Events.h>

#include <Poco/Logger.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace motel::auth {

class RevocationFeed {
public:
    RevocationFeed(sdk::Database& database, sdk::EventBus& events, std::shared_ptr<RevokedTokens> revoked,
                   std::chrono::milliseconds pollInterval, Poco::Logger& logger);
    ~RevocationFeed(); ///< stop()
    RevocationFeed(const RevocationFeed&) = delete;
    RevocationFeed& operator=(const RevocationFeed&) = delete;

    /// Loads the revoked tokens and starts polling. Database errors propagate.
    void start();
    void stop();
    /// The fast path to other hosts (may be null: poll only). Call before start().
    void setSignal(RevocationSignal* signal) { signal_ = signal; }

    /// Writes `revocation` in `session`'s transaction (origin and creation
    /// time are filled in); applied here and signalled after the commit.
    void announce(sdk::SqlSession& session, Revocation revocation);
    /// announce() in a transaction of its own.
    void announce(Revocation revocation);
    /// Reads the table now (the signal calls this); any thread.
    void wake();
    /// One poll on the calling thread: applies the other processes' new rows;
    /// returns how many. Database errors propagate.
    std::size_t poll();

    const std::string& instanceId() const { return instanceId_; }
    std::shared_ptr<RevokedTokens> revokedTokens() const { return revoked_; }

    /// How long rows are read again after they were written.
    static constexpr std::chrono::milliseconds kLookback{120000};
    /// How long a user notice (not a token) stays in the table.
    static constexpr std::chrono::seconds kNoticeLifetime{600};

private:
    void run();
    void apply(const Revocation& revocation);

    sdk::Database& database_;
    sdk::EventBus& events_;
    std::shared_ptr<RevokedTokens> revoked_;
    const std::chrono::milliseconds pollInterval_;
    Poco::Logger& logger_;
    const std::string instanceId_;
    RevocationSignal* signal_ = nullptr;

    std::mutex pollMutex_;                      ///< one poll at a time; guards seen_
    std::map<std::int64_t, std::int64_t> seen_; ///< row id -> created_ms, for kLookback

    std::mutex mutex_;
    std::condition_variable wakeUp_;
    bool stopping_ = false;
    bool woken_ = false;
    std::thread thread_;
};

} // namespace motel::auth
