#pragma once
// The host's configuration: a properties file layered under environment
// variables, read once at start, validated, and typed afterwards. A bad value
// stops the host with the key, the value and what was expected.

#include <motel/sdk/Settings.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace motel::host {

class HostConfig {
public:
    /// The environment variables operators already use, and the key each sets.
    static const std::vector<std::pair<std::string, std::string>>& environmentOverrides();

    /// Reads `file` (may be empty: defaults only), applies `environment`
    /// (name → value; pass the process environment) and validates.
    /// `prefixDir` anchors relative paths (plugins.dir, sqlite: files).
    static HostConfig load(const std::string& file, const std::map<std::string, std::string>& environment,
                           const std::string& prefixDir);
    /// From raw key/values (tests).
    static HostConfig fromValues(std::map<std::string, std::string> values, const std::string& prefixDir);

    const std::string& source() const { return source_; }
    const std::string& prefixDir() const { return prefixDir_; }

    std::string environment() const { return host_.getString("motel.env", "development"); }
    bool isProduction() const { return environment() == "production"; }
    std::string httpHost() const { return host_.getString("http.host", "0.0.0.0"); }
    std::uint16_t httpPort() const { return static_cast<std::uint16_t>(host_.getInt("http.port", 3001, 0, 65535)); }
    /// Empty, or an absolute path where the host writes the port it bound once
    /// it listens (`http.portFile`): with `http.port = 0` the only way for a
    /// supervisor or a test to learn the port without racing for it.
    std::string httpPortFile() const;
    std::size_t maxBodyBytes() const;
    /// The plugin folders, absolute, in search order: `plugins.dir` then
    /// `plugins.path` (MOTEL_PLUGIN_PATH), each a list separated by `:` or `,`.
    std::vector<std::string> pluginDirs() const;
    std::vector<std::string> pluginsToLoad() const { return host_.getList("plugins.load"); }
    std::string databaseUrl() const; ///< sqlite paths made absolute
    /// `db.pool.size`; by default twice the CPUs (defaultDatabasePoolSize).
    std::size_t databasePoolSize() const;
    bool migrateOnStart() const { return host_.getBool("db.migrate.onStart", true); }
    std::string redisUrl() const { return host_.getString("redis.url"); }
    std::vector<std::string> corsOrigins() const { return host_.getList("cors.origins"); }
    std::string logLevel() const { return host_.getString("log.level", "information"); }
    /// `text` or `json` (`log.format`, `LOG_FORMAT`).
    std::string logFormat() const { return host_.getString("log.format", "text"); }
    /// Empty: standard error; else an absolute path (`log.file`).
    std::string logFile() const;
    /// `log.level.<logger>` keys: logger name → level.
    std::map<std::string, std::string> loggerLevels() const;

    /// Host-wide keys (everything but plugins.<name>.*).
    const sdk::Settings& hostSettings() const { return host_; }
    /// `plugins.<name>.*` with the prefix stripped.
    sdk::Settings pluginSettings(const std::string& pluginName) const;

private:
    std::string source_;
    std::string prefixDir_;
    sdk::Settings host_;
    std::map<std::string, std::string> all_;

    void validate() const;
    std::string resolvePath(const std::string& path) const;
};

} // namespace motel::host
