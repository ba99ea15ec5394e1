#pragma once
// A Lua script run atomically by Redis.

#include "services/redis/RedisReply.h"

#include <string>
#include <vector>

namespace motel::host {

class RedisConnection;

/// Holds a script's source and SHA-1. run() sends EVALSHA and falls back to
/// EVAL when the server does not know the script yet (NOSCRIPT: first use, or
/// after a Redis restart), which also caches it there. Immutable, so one
/// instance may be shared by every thread.
class RedisScript {
public:
    explicit RedisScript(std::string source);

    /// Throws what RedisConnection::command() throws.
    RedisReply run(RedisConnection& connection, const std::vector<std::string>& keys,
                   const std::vector<std::string>& args) const;

private:
    std::string source_;
    std::string sha1_;
};

} // namespace motel::host
