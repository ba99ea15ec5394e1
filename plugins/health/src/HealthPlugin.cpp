#include "HealthPlugin.h"

#include "HealthEndpoints.h"
#include "HealthSettings.h"
#include "MemoryCheck.h"
#include "RedisPing.h"
#include "TrafficCheck.h"

#include <Poco/Logger.h>

#include <stdexcept>
#include <string>

namespace motel::health {

namespace {

/// Registered a little above the probe's own timeout so the probe answers
/// first, with its measured wait, rather than the registry's generic one.
constexpr std::chrono::milliseconds registryMargin{500};

/// PING through hiredis; a URL this check cannot use (the host may accept
/// more schemes) is reported as down at warning level rather than stopping
/// the host, and never echoed: it may hold a password.
sdk::HealthRegistry::Check redisCheck(const std::string& url, std::chrono::milliseconds timeout, Poco::Logger& logger) {
    try {
        return RedisPing(sdk::RedisUrl::parse(url), timeout);
    } catch (const std::invalid_argument& error) {
        const std::string problem = std::string("cannot check redis.url: ") + error.what();
        logger.warning(problem);
        return [problem] { return sdk::HealthResult::down(problem, sdk::HealthLevel::warning); };
    }
}

} // namespace

sdk::PluginInfo HealthPlugin::info() const {
    sdk::PluginInfo info{"health", "1.0.0", "Health report and liveness/readiness probes", {}};
    info.settings = HealthSettings::specs();
    return info;
}

std::vector<std::string> HealthPlugin::checkSettings(const sdk::Settings& settings, const sdk::HostInfo&) const {
    return HealthSettings::orderProblems(settings);
}

void HealthPlugin::start(sdk::PluginContext& context) {
    const HealthSettings settings = HealthSettings::fromSettings(context.config());
    Poco::Logger& logger = context.logger();
    sdk::Database& database = context.database();
    const sdk::HostInfo& host = context.host();

    database_ = std::make_shared<DatabaseProbe>(
        [&database] { database.withSession([](sdk::SqlSession& session) { session.query("SELECT 1"); }); },
        [&logger](bool up, const std::string& message) {
            if (up)
                logger.information("database answers again");
            else
                logger.warning("database does not answer: " + message);
        });

    auto& checks = context.health();
    const auto checkTimeout = settings.checkTimeout;
    checks.add(
        "database", [probe = database_, checkTimeout] { return probe->check(checkTimeout); },
        checkTimeout + registryMargin);

    // The host measures the process (the same figures the metrics report);
    // memoryLimitMB, when set, replaces the limit it found.
    const std::uint64_t configuredLimit = settings.memoryLimitBytes;
    MemoryCheck memory(
        [&host, configuredLimit] {
            const sdk::MemoryFigures figures = host.memory();
            MemorySnapshot snapshot;
            snapshot.heapUsedBytes = figures.heapUsedBytes;
            snapshot.residentBytes = figures.residentBytes;
            snapshot.limitBytes = configuredLimit ? configuredLimit : figures.limitBytes;
            return snapshot;
        },
        settings.memoryWarningPercent, settings.memoryCriticalPercent);
    checks.add("memory", memory, checkTimeout);

    const std::string redisUrl = host.settings().getString("redis.url");
    if (!redisUrl.empty())
        checks.add("redis", redisCheck(redisUrl, settings.redisTimeout, logger),
                   settings.redisTimeout * 2 + registryMargin);

    checks.add("http", TrafficCheck([&host] { return host.recentTraffic(); }, settings), checkTimeout);

    auto endpoints = std::make_shared<HealthEndpoints>(host, checks, database_, settings.readyTimeout);
    endpoints->registerRoutes(context.routes());
}

void HealthPlugin::stop() noexcept {
    if (database_) database_->shutdown();
}

} // namespace motel::health
