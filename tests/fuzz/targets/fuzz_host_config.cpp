// Fuzzes the host configuration: a properties file (Poco's format, with
// continuation lines, escapes and comments) read, layered with environment
// overrides and validated, then every typed accessor. A bad file must end
// in a ConfigError (or Poco's own parse error) that names the problem, never
// a crash or a stray exception type.
#include "config/HostConfig.h"

#include <motel/sdk/Settings.h>

#include <Poco/Exception.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

namespace {
std::string scratchFile() {
    return "/tmp/motel-fuzz-config-" + std::to_string(::getpid()) + ".properties";
}

void readEverything(const motel::host::HostConfig& config) {
    (void)config.environment();
    (void)config.httpHost();
    (void)config.httpPort();
    (void)config.maxBodyBytes();
    (void)config.pluginDirs();
    (void)config.pluginsToLoad();
    (void)config.databaseUrl();
    (void)config.databasePoolSize();
    (void)config.migrateOnStart();
    (void)config.redisUrl();
    (void)config.corsOrigins();
    (void)config.logLevel();
    const auto& settings = config.hostSettings();
    (void)settings.getDuration("http.headerTimeout", std::chrono::seconds(10));
    (void)settings.getInt("http.workers", 16, 1, 1024);
    (void)config.pluginSettings("auth").getDuration("lockout", std::chrono::minutes(15));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = scratchFile();
    const std::string text(reinterpret_cast<const char*>(data), size);
    // The part after the first NUL is an environment value for PORT and
    // DATABASE_URL: overrides go through the same validation.
    const std::size_t nul = text.find('\0');
    {
        std::ofstream out(path, std::ios::trunc | std::ios::binary);
        out << text.substr(0, nul);
    }
    std::map<std::string, std::string> environment;
    if (nul != std::string::npos) {
        const std::string value = text.substr(nul + 1);
        environment[(value.size() % 2) ? "PORT" : "DATABASE_URL"] = value;
    }
    try {
        const auto config = motel::host::HostConfig::load(path, environment, "/opt/motel");
        readEverything(config);
    } catch (const motel::sdk::ConfigError&) {
    } catch (const Poco::Exception&) {
    }
    return 0;
}
