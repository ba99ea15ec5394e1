#include "config/HostConfig.h"
#include "config/PropertiesFile.h"
#include "db/DatabaseUrl.h"
#include "db/PoolSizing.h"

#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/String.h>

#include <algorithm>

namespace motel::host {

namespace {
const char* const kPluginPrefix = "plugins.";
const char* const kLoggerLevelPrefix = "log.level.";
// Keys under plugins.* that belong to the host, not to a plugin.
bool isHostPluginKey(const std::string& key) {
    return key == "plugins.dir" || key == "plugins.path" || key == "plugins.load";
}

/// "a:b,c" → {"a", "b", "c"}: folders separated like PATH (or by commas, as
/// other lists in the file are); empty entries dropped.
std::vector<std::string> splitFolders(const std::string& text) {
    std::vector<std::string> folders;
    std::string current;
    for (const char c : text + ":") {
        if (c == ':' || c == ',') {
            const std::string folder = Poco::trim(current);
            if (!folder.empty()) folders.push_back(folder);
            current.clear();
        } else {
            current += c;
        }
    }
    return folders;
}

} // namespace

const std::vector<std::pair<std::string, std::string>>& HostConfig::environmentOverrides() {
    static const std::vector<std::pair<std::string, std::string>> overrides{
        {"PORT", "http.port"},
        {"HOST", "http.host"},
        {"DATABASE_URL", "db.url"},
        {"REDIS_URL", "redis.url"},
        {"JWT_SECRET", "jwt.secret"},
        {"JWT_EXPIRES_IN", "jwt.expiresIn"},
        {"MOTEL_PLUGINS", "plugins.load"},
        {"MOTEL_ENV", "motel.env"},
        {"CORS_ORIGINS", "cors.origins"},
        {"LOG_LEVEL", "log.level"},
        {"JWT_PREVIOUS_SECRET", "jwt.previousSecret"},
        {"HTTP_TRUST_PROXY", "http.trustProxy"},
        {"METRICS_TOKEN", "plugins.metrics.token"},
        {"METRICS_PUBLIC", "plugins.metrics.public"},
        {"LOG_FORMAT", "log.format"},
        {"MOTEL_PLUGIN_PATH", "plugins.path"},
    };
    return overrides;
}

HostConfig HostConfig::load(const std::string& file, const std::map<std::string, std::string>& environment,
                            const std::string& prefixDir) {
    std::map<std::string, std::string> values;
    if (!file.empty()) values = PropertiesFile::read(file);
    for (const auto& [variable, key] : environmentOverrides()) {
        auto it = environment.find(variable);
        if (it != environment.end()) values[key] = Poco::trim(it->second);
    }
    HostConfig config = fromValues(std::move(values), prefixDir);
    config.source_ = file.empty() ? "(defaults)" : file;
    return config;
}

HostConfig HostConfig::fromValues(std::map<std::string, std::string> values, const std::string& prefixDir) {
    HostConfig config;
    config.prefixDir_ = prefixDir;
    config.all_ = values;
    std::map<std::string, std::string> hostOnly;
    for (const auto& [key, value] : values)
        if (key.rfind(kPluginPrefix, 0) != 0 || isHostPluginKey(key)) hostOnly[key] = value;
    config.host_ = sdk::Settings("", std::move(hostOnly));
    config.validate();
    return config;
}

void HostConfig::validate() const {
    const std::string env = environment();
    if (env != "development" && env != "production")
        throw sdk::ConfigError("motel.env='" + env + "': expected development or production");
    (void)httpPort();
    (void)maxBodyBytes();
    (void)databasePoolSize();
    (void)migrateOnStart();
    // Parsed once here so a malformed URL stops the host at start, with a
    // message that never shows the password.
    (void)DatabaseUrl::parse(databaseUrl(), prefixDir_);
    const std::string redis = redisUrl();
    if (!redis.empty() && redis.rfind("redis://", 0) != 0)
        throw sdk::ConfigError("redis.url: expected redis://[user:password@]host:port[/db]");
    const std::string format = logFormat();
    if (format != "text" && format != "json")
        throw sdk::ConfigError("log.format='" + format + "': expected text or json");
    const auto checkLevel = [](const std::string& key, const std::string& level) {
        try {
            (void)Poco::Logger::parseLevel(level);
        } catch (const std::exception&) {
            throw sdk::ConfigError(key + "='" + level +
                                   "': expected trace, debug, information, notice, warning, error, critical, fatal "
                                   "or none");
        }
    };
    checkLevel("log.level", logLevel());
    for (const auto& [logger, level] : loggerLevels()) checkLevel(kLoggerLevelPrefix + logger, level);
    for (const auto& name : pluginsToLoad()) {
        const bool valid = std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        });
        if (!valid) throw sdk::ConfigError("plugins.load: '" + name + "' is not a plugin name ([a-z0-9_-]+)");
    }
}

std::size_t HostConfig::maxBodyBytes() const {
    return static_cast<std::size_t>(host_.getInt("http.maxBodyBytes", 1024 * 1024, 1, 1024LL * 1024 * 1024));
}

std::string HostConfig::resolvePath(const std::string& path) const {
    Poco::Path p(path);
    if (p.isAbsolute() || prefixDir_.empty()) return p.toString();
    return Poco::Path(Poco::Path(prefixDir_).makeDirectory(), p).toString();
}

std::vector<std::string> HostConfig::pluginDirs() const {
    std::vector<std::string> folders;
    for (const auto& key : {"plugins.dir", "plugins.path"}) {
        const std::string fallback = std::string(key) == "plugins.dir" ? "lib/motel/plugins" : "";
        for (const auto& folder : splitFolders(host_.getString(key, fallback))) {
            const std::string absolute = resolvePath(folder);
            if (std::find(folders.begin(), folders.end(), absolute) == folders.end()) folders.push_back(absolute);
        }
    }
    return folders;
}

std::string HostConfig::httpPortFile() const {
    const std::string file = host_.getString("http.portFile");
    return file.empty() ? file : resolvePath(file);
}

std::string HostConfig::logFile() const {
    const std::string file = host_.getString("log.file");
    return file.empty() ? file : resolvePath(file);
}

std::map<std::string, std::string> HostConfig::loggerLevels() const {
    std::map<std::string, std::string> levels;
    const std::string prefix = kLoggerLevelPrefix;
    for (const auto& [key, value] : all_)
        if (key.rfind(prefix, 0) == 0 && key.size() > prefix.size()) levels[key.substr(prefix.size())] = value;
    return levels;
}

std::size_t HostConfig::databasePoolSize() const {
    return static_cast<std::size_t>(host_.getInt("db.pool.size", defaultDatabasePoolSize(), 1, 512));
}

std::string HostConfig::databaseUrl() const {
    std::string url = host_.getString("db.url", "sqlite:var/motel.db");
    if (url.rfind("postgres://", 0) == 0) url = "postgresql://" + url.substr(11);
    if (url.rfind("sqlite:", 0) == 0) {
        const std::string path = url.substr(7);
        if (path != ":memory:") return "sqlite:" + resolvePath(path);
    }
    return url;
}

sdk::Settings HostConfig::pluginSettings(const std::string& pluginName) const {
    const std::string prefix = std::string(kPluginPrefix) + pluginName + ".";
    std::map<std::string, std::string> own;
    for (const auto& [key, value] : all_)
        if (key.rfind(prefix, 0) == 0) own[key.substr(prefix.size())] = value;
    return sdk::Settings(prefix, std::move(own));
}

} // namespace motel::host
