#pragma once
/// A small key/value cache shared by plugins: Redis when `redis.url` is set
/// (so every host sees the same values), an in-memory LRU otherwise. Keys are
/// namespaced by the host; plugins should still prefix them with their name.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace motel::sdk {

class Cache {
public:
    virtual ~Cache() = default;
    virtual std::optional<std::string> get(const std::string& key) = 0;
    virtual void set(const std::string& key, const std::string& value, std::chrono::milliseconds ttl) = 0;
    virtual void remove(const std::string& key) = 0;
    /// Atomically add `by` to a counter, creating it with `window` as its
    /// lifetime when absent (fixed-window rate limits). Returns the new value.
    virtual std::int64_t increment(const std::string& key, std::chrono::milliseconds window, std::int64_t by = 1) = 0;
    /// Remaining lifetime of a key; nullopt when absent.
    virtual std::optional<std::chrono::milliseconds> ttl(const std::string& key) = 0;
};

} // namespace motel::sdk
