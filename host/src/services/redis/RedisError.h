#pragma once
// The two ways a Redis command can fail.

#include <stdexcept>
#include <string>

namespace motel::host {

/// Redis could not be reached (refused, reset, timed out, still in the
/// reconnect backoff). Transient: callers keep their work and retry later.
class RedisUnavailable : public std::runtime_error {
public:
    explicit RedisUnavailable(const std::string& message) : std::runtime_error(message) {}
};

/// Redis answered with an error reply (`WRONGTYPE`, `NOGROUP`, a Lua error).
/// The connection stays usable.
class RedisCommandError : public std::runtime_error {
public:
    explicit RedisCommandError(const std::string& message) : std::runtime_error(message) {}
    /// True when Redis's message starts with `code` (`NOSCRIPT`, `BUSYGROUP`).
    bool is(const std::string& code) const { return std::string(what()).rfind(code, 0) == 0; }
};

} // namespace motel::host
