#pragma once
// One connection to Redis that survives Redis going away.

#include "services/redis/RedisError.h"
#include "services/redis/RedisReply.h"
#include "services/redis/RedisUrl.h"
#include "services/RetryBackoff.h"

#include <motel/sdk/RedisLink.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace Poco {
class Logger;
}

namespace motel::host {

/// An sdk::RedisLink (the hiredis connection, its timeouts, AUTH and
/// SELECT, shared with the health plugin's check) opened lazily and again
/// after every failure. Any I/O error or timeout drops the context; the next command
/// reconnects, but no earlier than the exponential backoff allows: until
/// then commands fail at once with RedisUnavailable, so a caller looping on
/// failures never busy-loops and never hammers a restarting server (it can
/// sleep until retryAt()). The first failure of an outage is logged as a
/// warning and the recovery as information, once each; the password is
/// never logged.
///
/// A connection the server closed while it sat idle (Redis restarted, a
/// proxy dropped it) is noticed on the next command, which then reconnects
/// at once and is sent again, once, before anything is reported: a caller
/// sees RedisUnavailable only when Redis is really unreachable. A command
/// that timed out is never resent (it may have run).
///
/// Not thread-safe: one thread at a time (RedisConnectionPool shares them).
class RedisConnection {
public:
    using Clock = std::chrono::steady_clock;

    struct Options {
        std::chrono::milliseconds connectTimeout{2000};
        std::chrono::milliseconds commandTimeout{2000};
        std::chrono::milliseconds reconnectBase{100}; ///< first wait after a failure
        std::chrono::milliseconds reconnectCap{5000};
    };

    /// `name` says in log lines which connection this is ("jobs fetcher").
    /// `logger` must outlive the connection. Does not connect yet.
    RedisConnection(RedisUrl url, Poco::Logger& logger, Options options, std::string name);
    ~RedisConnection();

    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    /// Run one command (arguments are binary-safe). Throws RedisUnavailable
    /// when Redis cannot be reached, RedisCommandError for an error reply.
    RedisReply command(const std::vector<std::string>& args);
    /// A command that may block on the server (XREADGROUP ... BLOCK ms): the
    /// read timeout is `blockFor` plus the command timeout for this call.
    RedisReply blockingCommand(const std::vector<std::string>& args, std::chrono::milliseconds blockFor);

    bool isConnected() const { return link_ != nullptr; }
    /// When the next command may try to reconnect; now or earlier when
    /// connected or never tried.
    Clock::time_point retryAt() const { return retryAt_; }
    const RedisUrl& url() const { return url_; }

private:
    /// Thrown by send() when the server had closed the socket; never leaves the class.
    struct StaleConnection {};

    template <class Send> RedisReply withFreshRetry(Send&& sendOnce);
    void ensureConnected();
    void connect();
    RedisReply send(const std::vector<std::string>& args);
    /// Drop the context and start (or extend) the backoff; returns the
    /// exception to throw.
    static bool isTransientError(const std::string& message);
    RedisUnavailable fail(const std::string& what);
    void setTimeout(std::chrono::milliseconds timeout);

    const RedisUrl url_;
    Poco::Logger& logger_;
    const Options options_;
    const std::string name_;
    const RetryBackoff backoff_;
    std::unique_ptr<sdk::RedisLink> link_;
    Clock::time_point retryAt_{};
    int failures_ = 0;      ///< consecutive failed attempts in this outage
    std::string lastError_; ///< of the last StaleConnection
};

} // namespace motel::host
