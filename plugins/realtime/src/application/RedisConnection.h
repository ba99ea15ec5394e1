#pragma once
/// One Redis connection of the realtime plugin (the relay's writer and
/// reader, the recovery store) that reconnects when asked: an
/// sdk::RedisLink (the SDK's one Redis client: connect and command
/// timeouts, AUTH, SELECT, `redis://`, `rediss`-free TCP and `unix://`
/// URLs parsed by sdk::RedisUrl) held while it works and dropped on any I/O
/// error or timeout, so that the next ensureConnected() opens a new one.
/// Not thread-safe: one thread at a time.

#include <motel/sdk/RedisLink.h>
#include <motel/sdk/RedisUrl.h>

#include <hiredis/hiredis.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace motel::realtime {

using RedisReplyPtr = sdk::RedisLink::Reply;

class RedisConnection {
public:
    RedisConnection(sdk::RedisUrl url, std::chrono::milliseconds timeout) : url_(std::move(url)), timeout_(timeout) {}

    /// Connects when not connected; false when Redis cannot be reached or
    /// refuses AUTH/SELECT.
    bool ensureConnected();
    bool connected() const { return link_ != nullptr; }
    void close() { link_.reset(); }

    /// Runs a command (binary-safe arguments). Null when the connection
    /// failed (it is closed then); an error reply is returned as is.
    RedisReplyPtr command(const std::vector<std::string>& args);
    /// The same for a command that blocks on the server for up to `blockFor`.
    RedisReplyPtr blockingCommand(const std::vector<std::string>& args, std::chrono::milliseconds blockFor);

    const sdk::RedisUrl& url() const { return url_; }

private:
    const sdk::RedisUrl url_;
    const std::chrono::milliseconds timeout_;
    std::unique_ptr<sdk::RedisLink> link_;
};

/// The text of a string, status or error reply ("" otherwise).
std::string replyText(const redisReply* reply);

} // namespace motel::realtime
