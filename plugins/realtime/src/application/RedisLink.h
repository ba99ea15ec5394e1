#pragma once
/// One hiredis connection of the realtime plugin (the relay's writer and
/// reader, the recovery store), owned RAII-style: connects to a `redis.url`
/// (TCP or unix socket), authenticates and selects the database; any I/O
/// error or timeout closes it so that the next call reconnects. Not
/// thread-safe: one thread at a time.

#include <motel/sdk/RedisUrl.h>

#include <hiredis/hiredis.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace motel::realtime {

struct RedisReplyFree {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using RedisReplyPtr = std::unique_ptr<redisReply, RedisReplyFree>;

class RedisLink {
public:
    RedisLink(sdk::RedisUrl url, std::chrono::milliseconds timeout) : url_(std::move(url)), timeout_(timeout) {}

    /// Connects when not connected; false when Redis cannot be reached.
    bool ensureConnected();
    bool connected() const { return context_ != nullptr; }
    void close() { context_.reset(); }
    /// The socket, for shutdown() from another thread (-1 when closed).
    int fd() const { return context_ ? context_->fd : -1; }

    /// Runs a command (binary-safe arguments). Null when the connection
    /// failed (it is closed then); an error reply is returned as is.
    RedisReplyPtr command(const std::vector<std::string>& args);
    /// The same for a command that blocks on the server for up to `blockFor`.
    RedisReplyPtr blockingCommand(const std::vector<std::string>& args, std::chrono::milliseconds blockFor);

    const sdk::RedisUrl& url() const { return url_; }

private:
    struct ContextFree {
        void operator()(redisContext* context) const { redisFree(context); }
    };
    void setTimeout(std::chrono::milliseconds timeout);

    const sdk::RedisUrl url_;
    const std::chrono::milliseconds timeout_;
    std::unique_ptr<redisContext, ContextFree> context_;
};

/// The text of a string, status or error reply ("" otherwise).
std::string replyText(const redisReply* reply);

} // namespace motel::realtime
