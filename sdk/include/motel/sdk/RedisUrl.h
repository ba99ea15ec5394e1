#pragma once
/// Where a Redis client connects, read from the host setting `redis.url`.
/// The host parses it with this same class, so a plugin that talks to Redis
/// itself (the health plugin's `redis` check) accepts exactly the same URLs.

#include <motel/sdk/Export.h>

#include <string>

namespace motel::sdk {

/// `redis://[[user]:password@]host[:port][/db]` (a user info without a colon
/// is a password, as before Redis ACLs) or `unix:///path/to/socket`. Parsed
/// once at start; the password never appears in describe() or in any error
/// message, so every log line may print a RedisUrl safely.
struct MOTEL_SDK_API RedisUrl {
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string unixSocket; ///< set for unix:// URLs; host and port unused then
    std::string username;
    std::string password;
    int database = 0;

    /// Throws std::invalid_argument saying what is wrong, never echoing the
    /// text (it may hold a password); the caller adds the configuration key.
    static RedisUrl parse(const std::string& url);

    /// The same server with another database number (`redis.queueDb`).
    /// Throws std::invalid_argument for a negative number.
    RedisUrl withDatabase(int database) const;

    /// `redis://host:port/db` or `unix:///path (db N)`, credentials left out.
    std::string describe() const;
};

} // namespace motel::sdk
