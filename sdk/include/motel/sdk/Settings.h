#pragma once
/// Typed, validated read access to a block of configuration: a plugin's own
/// `plugins.<name>.*` keys (prefix stripped) or the host-wide keys. A bad
/// value throws ConfigError naming the full key, the value and what was
/// expected, so the host stops at start with one clear line.

#include <motel/sdk/Export.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace motel::sdk {

class MOTEL_SDK_API ConfigError : public std::runtime_error {
public:
    explicit ConfigError(const std::string& message);
    ~ConfigError() override;
};

class MOTEL_SDK_API Settings {
public:
    Settings() = default;
    /// `prefix` (e.g. "plugins.auth.") is only used in error messages.
    Settings(std::string prefix, std::map<std::string, std::string> values);

    bool has(const std::string& key) const;
    std::string getString(const std::string& key, const std::string& fallback = "") const;
    /// Throws ConfigError when absent or empty.
    std::string requireString(const std::string& key) const;
    std::int64_t getInt(const std::string& key, std::int64_t fallback, std::int64_t min = INT64_MIN,
                        std::int64_t max = INT64_MAX) const;
    double getDouble(const std::string& key, double fallback) const;
    /// true/false, yes/no, on/off, 1/0.
    bool getBool(const std::string& key, bool fallback) const;
    /// See parseDuration().
    std::chrono::milliseconds getDuration(const std::string& key, std::chrono::milliseconds fallback) const;
    /// Comma separated, trimmed, empty entries dropped.
    std::vector<std::string> getList(const std::string& key) const;
    const std::map<std::string, std::string>& values() const { return values_; }
    const std::string& prefix() const { return prefix_; }

private:
    std::string prefix_;
    std::map<std::string, std::string> values_;
    [[noreturn]] void fail(const std::string& key, const std::string& value, const std::string& expected) const;
};

/// `250ms`, `45s`, `30m`, `12h`, `1d`, or a plain number of seconds.
/// Throws std::invalid_argument otherwise (negative, empty, unknown unit).
MOTEL_SDK_API std::chrono::milliseconds parseDuration(const std::string& text);

} // namespace motel::sdk
