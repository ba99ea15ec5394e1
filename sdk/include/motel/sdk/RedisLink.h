#pragma once
/// One connection to Redis, owned RAII-style: connected with a timeout,
/// TCP keep-alive on, every command bounded by a timeout, authenticated
/// (`AUTH [user] password`) and switched to the URL's database (`SELECT`)
/// before it is handed out. The host's Redis engines and the health
/// plugin's `redis` check both build on it, so they connect, time out and
/// fail the same way. Not thread-safe: one thread at a time.
///
/// Errors are RedisLinkError (a std::runtime_error); no message ever holds
/// the password. Reconnecting, backoff and retries are the caller's policy.

#include <motel/sdk/Export.h>
#include <motel/sdk/RedisUrl.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

struct redisContext;
struct redisReply;

namespace motel::sdk {

/// Why a RedisLink could not do what was asked.
class MOTEL_SDK_API RedisLinkError : public std::runtime_error {
public:
    enum class Kind {
        unreachable, ///< could not connect, or the connection failed mid-command (timeout included)
        closed,      ///< the server had closed the connection (restart, idle cut): nothing was sent to a live server
        refused,     ///< the server answered AUTH or SELECT with an error
    };
    RedisLinkError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

class MOTEL_SDK_API RedisLink {
public:
    struct Timeouts {
        std::chrono::milliseconds connect{2000};
        std::chrono::milliseconds command{2000};
    };
    /// Frees a hiredis reply (hiredis's freeReplyObject).
    struct ReplyFree {
        void operator()(redisReply* reply) const;
    };
    using Reply = std::unique_ptr<redisReply, ReplyFree>;

    /// Connects, then AUTH and SELECT as the URL says. Throws RedisLinkError.
    RedisLink(const RedisUrl& url, Timeouts timeouts);
    ~RedisLink();
    RedisLink(const RedisLink&) = delete;
    RedisLink& operator=(const RedisLink&) = delete;

    /// Sends one command (arguments binary-safe) and returns Redis's reply,
    /// an error reply included (read it with hiredis's types). Throws
    /// RedisLinkError `closed` or `unreachable` when no reply came; the link
    /// is unusable after that.
    Reply send(const std::vector<std::string>& args);
    /// send() for a command whose answer is a status or a string: returns
    /// its text; an error reply throws std::runtime_error naming the command.
    std::string text(const std::vector<std::string>& args);
    /// The read/write timeout of the following commands (a blocking read
    /// needs longer than the default).
    void setCommandTimeout(std::chrono::milliseconds timeout);
    Timeouts timeouts() const { return timeouts_; }

private:
    struct ContextFree {
        void operator()(redisContext* context) const;
    };
    std::unique_ptr<redisContext, ContextFree> context_;
    Timeouts timeouts_;
};

} // namespace motel::sdk
