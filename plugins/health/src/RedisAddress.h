#pragma once
/// Where the `redis` health check connects: the host setting `redis.url`,
/// `redis://[[user]:password@]host[:port][/db]` (a user info without a colon
/// is a password, as in Redis before ACLs). `unix:///path/to/socket` is a
/// local socket.

#include <string>

namespace motel::health {

struct RedisAddress {
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string unixSocket; ///< set for unix:// URLs; host/port unused then
    std::string username;
    std::string password;
    int database = 0;

    /// Throws std::invalid_argument naming what is wrong (the caller adds the key).
    static RedisAddress parse(const std::string& url);
    /// host:port or the socket path, without credentials (for messages).
    std::string describe() const;
};

} // namespace motel::health
