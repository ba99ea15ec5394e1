#include "AuthConfig.h"

#include "PasswordPolicy.h"
#include "RandomHex.h"

#include <Poco/Environment.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace motel::auth {

namespace {

constexpr std::chrono::milliseconds kDefaultLifetime{24LL * 3600 * 1000};

std::string readSecret(AuthConfig& config, const sdk::Settings& host, bool production,
                       const AuthConfig::Environment& env) {
    std::string secret = host.getString("jwt.secret");
    if (secret.empty()) secret = env("JWT_SECRET");

    if (production) {
        if (secret.empty())
            config.errors.push_back("jwt.secret is not set; production needs a random secret of at least " +
                                    std::to_string(kMinimumSecretLength) + " characters (JWT_SECRET)");
        else if (secret == kExampleSecret)
            config.errors.push_back("jwt.secret is the example value from config/motel.properties.example; "
                                    "set a random secret of your own (JWT_SECRET)");
        else if (secret.size() < kMinimumSecretLength)
            config.errors.push_back("jwt.secret is " + std::to_string(secret.size()) +
                                    " characters long; production needs at least " +
                                    std::to_string(kMinimumSecretLength) + " (JWT_SECRET)");
        return secret;
    }
    if (secret.empty()) {
        config.secretGenerated = true;
        config.warnings.push_back("jwt.secret is not set: using a random secret for this run; every token "
                                  "dies when the host restarts (set JWT_SECRET to keep sessions)");
        return randomHex(48);
    }
    if (secret == kExampleSecret || secret.size() < kMinimumSecretLength)
        config.warnings.push_back("jwt.secret is weak (the example value or shorter than " +
                                  std::to_string(kMinimumSecretLength) +
                                  " characters); production would refuse to start with it");
    return secret;
}

std::string readPreviousSecret(AuthConfig& config, const sdk::Settings& host, bool production,
                               const AuthConfig::Environment& env) {
    std::string previous = host.getString("jwt.previousSecret");
    if (previous.empty()) previous = env("JWT_PREVIOUS_SECRET");
    if (previous.empty()) return previous;
    if (previous == config.jwtSecret) {
        config.warnings.push_back("jwt.previousSecret is the current secret; ignoring it");
        return "";
    }
    const bool weak = previous == kExampleSecret || previous.size() < kMinimumSecretLength;
    if (weak && production)
        config.errors.push_back("jwt.previousSecret is the example value or shorter than " +
                                std::to_string(kMinimumSecretLength) +
                                " characters; production accepts no weak secret (JWT_PREVIOUS_SECRET)");
    else if (weak)
        config.warnings.push_back("jwt.previousSecret is weak; production would refuse to start with it");
    return previous;
}

std::chrono::seconds readLifetime(AuthConfig& config, const sdk::Settings& host, const AuthConfig::Environment& env) {
    std::chrono::milliseconds lifetime = kDefaultLifetime;
    if (host.has("jwt.expiresIn") && !host.getString("jwt.expiresIn").empty()) {
        lifetime = host.getDuration("jwt.expiresIn", kDefaultLifetime);
    } else if (const std::string fromEnv = env("JWT_EXPIRES_IN"); !fromEnv.empty()) {
        try {
            lifetime = sdk::parseDuration(fromEnv);
        } catch (const std::exception&) {
            config.errors.push_back("JWT_EXPIRES_IN=" + fromEnv +
                                    ": expected a duration like 1d, 12h, 30m, 45s or a number of seconds");
        }
    }
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(lifetime);
    if (seconds.count() < 1)
        config.errors.push_back("jwt.expiresIn must be at least one second (got " + std::to_string(lifetime.count()) +
                                "ms)");
    return seconds;
}

PasswordStrength readStrength(AuthConfig& config, const sdk::Settings& plugin) {
    const std::string value = plugin.getString("passwordHashStrength", "interactive");
    if (value == "moderate") return PasswordStrength::moderate;
    if (value != "interactive")
        config.errors.push_back(plugin.prefix() + "passwordHashStrength=" + value +
                                ": expected interactive or moderate");
    return PasswordStrength::interactive;
}

/// Hashing slots and queue: by default max(2, cores) hashes at once and twice
/// as many waiting, together at most half of `http.workers`, so the other
/// half always serves the rest of the API.
void readHashing(AuthConfig& config, const sdk::Settings& host, const sdk::Settings& plugin, unsigned cores) {
    const std::int64_t workers = host.getInt("http.workers", 16, 1, 100000);
    const std::int64_t budget = std::max<std::int64_t>(2, workers / 2);
    const std::int64_t concurrency = std::min<std::int64_t>(std::max(2u, cores), std::max<std::int64_t>(1, budget / 3));
    config.hashConcurrency = static_cast<int>(plugin.getInt("hashConcurrency", concurrency, 1, 1024));
    config.hashQueue = static_cast<int>(plugin.getInt(
        "hashQueue",
        std::max<std::int64_t>(0, std::min<std::int64_t>(2 * config.hashConcurrency, budget - config.hashConcurrency)),
        0, 100000));
    if (config.hashConcurrency + config.hashQueue >= workers)
        config.warnings.push_back(plugin.prefix() + "hashConcurrency + hashQueue (" +
                                  std::to_string(config.hashConcurrency + config.hashQueue) +
                                  ") is not below http.workers (" + std::to_string(workers) +
                                  "): a login flood can hold every request worker");
}

} // namespace

AuthConfig AuthConfig::load(const sdk::Settings& host, const sdk::Settings& plugin, bool production,
                            const Environment& env, unsigned cores) {
    AuthConfig config = read(host, plugin, production, env, cores);
    if (config.errors.empty()) return config;
    std::string text;
    for (const auto& error : config.errors) text += (text.empty() ? "" : "; ") + error;
    throw sdk::ConfigError(text);
}

AuthConfig AuthConfig::read(const sdk::Settings& host, const sdk::Settings& plugin, bool production,
                            const Environment& env, unsigned cores) {
    AuthConfig config;
    config.jwtSecret = readSecret(config, host, production, env);
    config.previousJwtSecret = readPreviousSecret(config, host, production, env);
    config.tokenLifetime = readLifetime(config, host, env);
    config.loginMaxAttempts = plugin.getInt("loginMaxAttempts", 5, 1, 1000000);
    config.loginWindow = plugin.getDuration("loginWindow", std::chrono::minutes(1));
    if (config.loginWindow < std::chrono::seconds(1))
        config.errors.push_back(plugin.prefix() + "loginWindow must be at least 1s");
    config.loginMaxFailuresPerAddress = plugin.getInt("loginMaxFailuresPerAddress", 20, 1, 1000000);
    config.loginAddressWindow = plugin.getDuration("loginAddressWindow", std::chrono::minutes(1));
    if (config.loginAddressWindow < std::chrono::seconds(1))
        config.errors.push_back(plugin.prefix() + "loginAddressWindow must be at least 1s");
    config.passwordStrength = readStrength(config, plugin);
    readHashing(config, host, plugin, cores);
    config.revocationPoll = plugin.getDuration("revocationPoll", config.revocationPoll);
    if (config.revocationPoll < std::chrono::milliseconds(50) || config.revocationPoll > std::chrono::minutes(1))
        config.errors.push_back(plugin.prefix() + "revocationPoll=" + plugin.getString("revocationPoll") +
                                ": expected a duration from 50ms to 1m, like 500ms");
    config.auditRetention = plugin.getDuration("auditRetention", config.auditRetention);
    if (config.auditRetention < std::chrono::hours(1))
        config.errors.push_back(plugin.prefix() + "auditRetention=" + plugin.getString("auditRetention") +
                                ": expected a duration of at least 1h, like 90d");
    config.userCacheTtl = plugin.getDuration("userCacheTtl", config.userCacheTtl);
    if (config.userCacheTtl > kMaximumUserCacheTtl)
        config.errors.push_back(plugin.prefix() + "userCacheTtl=" + plugin.getString("userCacheTtl") +
                                ": expected a duration from 0 (no cache) to 5m, like 5s");
    config.redisUrl = host.getString("redis.url");
    config.revocationChannel = plugin.getString("revocationChannel", config.revocationChannel);
    if (config.revocationChannel.empty())
        config.errors.push_back(plugin.prefix() + "revocationChannel must not be empty");
    config.commonPasswordFiles =
        plugin.has("commonPasswordFiles") ? plugin.getList("commonPasswordFiles") : PasswordPolicy::defaultListFiles();
    config.adminEmail = env("MOTEL_ADMIN_EMAIL");
    config.adminPassword = env("MOTEL_ADMIN_PASSWORD");
    return config;
}

namespace {
std::string processVariable(const std::string& name) {
    return Poco::Environment::get(name, "");
}
} // namespace

AuthConfig AuthConfig::load(const sdk::Settings& host, const sdk::Settings& plugin, bool production) {
    return load(host, plugin, production, processVariable, std::thread::hardware_concurrency());
}

AuthConfig AuthConfig::read(const sdk::Settings& host, const sdk::Settings& plugin, bool production) {
    return read(host, plugin, production, processVariable, std::thread::hardware_concurrency());
}

} // namespace motel::auth
