#include "app/HostRuntime.h"
#include "plugins/PluginSettingsCheck.h"

#include "db/MigrationRunner.h"
#include "db/SqlDatabase.h"
#include "http/HttpServer.h"
#include "routing/Dispatcher.h"
#include "services/HealthCheckRunner.h"
#include "services/InProcessEventBus.h"
#include "services/InProcessJobs.h"
#include "services/JobEngine.h"
#include "services/JobMetrics.h"
#include "services/MemoryCache.h"
#include "services/PrometheusMetrics.h"
#include "services/ServiceDirectory.h"
#include "services/redis/RedisCache.h"
#include "services/redis/RedisCacheClearer.h"
#include "services/redis/RedisJobs.h"
#include "services/redis/RedisUrl.h"
#include "services/ExceptionText.h"

#include <motel/sdk/Authenticator.h>

#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>

namespace motel::host {

namespace {
constexpr std::size_t kCacheEntries = 100000;
constexpr std::size_t kJobWorkers = 4;
// Scheduled jobs safe to run on every host while Redis is down: the tasks
// plugin's overdue announcer stamps each task it announces in the database.
const std::vector<std::string> kRunWithoutRedis{"tasks.overdue"};
/// A phone keeps one WebSocket and a couple of keep-alive connections; a
/// motel's staff behind one NAT address stay far below this, one client
/// holding the server's connections does not.
constexpr int kDefaultConnectionsPerAddress = 128;

RedisUrl redisUrlOf(const HostConfig& config) {
    try {
        return RedisUrl::parse(config.redisUrl());
    } catch (const std::invalid_argument& e) {
        throw sdk::ConfigError(std::string("redis.url: ") + e.what());
    }
}

// With redis.url set, the cache and the job queue are shared by every host
// (and survive restarts); without it, in-process engines with the same API.
std::unique_ptr<sdk::Cache> makeCache(const HostConfig& config) {
    if (config.redisUrl().empty()) return std::make_unique<MemoryCache>(kCacheEntries);
    return std::make_unique<RedisCache>(redisUrlOf(config), Poco::Logger::get("motel.cache"));
}

std::unique_ptr<JobEngine> makeJobs(const HostConfig& config) {
    auto& log = Poco::Logger::get("motel.jobs");
    const auto workers = static_cast<std::size_t>(config.hostSettings().getInt("jobs.workers", kJobWorkers, 1, 256));
    if (config.redisUrl().empty()) return std::make_unique<InProcessJobs>(workers, log);
    RedisUrl url = redisUrlOf(config);
    if (config.hostSettings().has("redis.queueDb"))
        url = url.withDatabase(static_cast<int>(config.hostSettings().getInt("redis.queueDb", 0, 0, 15)));
    RedisJobs::Options options;
    const auto& settings = config.hostSettings();
    const auto withoutRedis =
        settings.has("jobs.runWithoutRedis") ? settings.getList("jobs.runWithoutRedis") : kRunWithoutRedis;
    options.runWithoutRedis.insert(withoutRedis.begin(), withoutRedis.end());
    return std::make_unique<RedisJobs>(url, RedisJobs::defaultInstanceId(), workers, log, options);
}
} // namespace

std::string HostRuntime::clearCache(const HostConfig& config) {
    if (config.redisUrl().empty())
        return "no shared cache: redis.url is empty, so each host keeps its cache in memory; restarting a host "
               "clears it";
    RedisCacheClearer clearer(redisUrlOf(config), Poco::Logger::get("motel.cache"), RedisCache::defaultPrefix);
    return "cleared " + std::to_string(clearer.clear()) + " cache entries (the job queue was not touched)";
}

HostRuntime::HostRuntime(HostConfig config)
    : config_(std::move(config)), hostInfo_(config_, traffic_),
      events_(std::make_unique<InProcessEventBus>(Poco::Logger::get("motel.events"))),
      services_(std::make_unique<ServiceDirectory>()), health_(std::make_unique<HealthCheckRunner>()),
      metrics_(std::make_unique<PrometheusMetrics>(Poco::Logger::get("motel.metrics"))), cache_(makeCache(config_)),
      jobs_(makeJobs(config_)), jobMetrics_(std::make_unique<JobMetrics>(*jobs_, *metrics_)) {}

HostRuntime::~HostRuntime() {
    shutdown(std::chrono::milliseconds(5000));
    // Services other plugins provided are plugin code: release them while
    // the libraries are still loaded.
    if (services_) services_->clear();
    // Plugin instances go first, while every service they might touch in a
    // destructor still exists; the libraries stay loaded until loader_ goes.
    if (loader_) loader_->destroyInstances();
}

void HostRuntime::loadPlugins() {
    loader_ = std::make_unique<PluginLoader>(config_.pluginDirs());
    plugins_ = std::make_unique<PluginSet>(*loader_, config_.pluginsToLoad());
    // Before the database is opened: a bad setting must not stop the host
    // after migrations already changed it.
    PluginSettingsCheck::enforce(*plugins_, config_, hostInfo_);
    PluginSet* plugins = plugins_.get();
    hostInfo_.setPlugins(plugins_->names(), [plugins] { return plugins->allStarted(); });
}

void HostRuntime::openDatabase() {
    SqlDatabaseOptions options;
    options.poolSize = static_cast<int>(config_.databasePoolSize());
    database_ = std::make_unique<SqlDatabase>(DatabaseUrl::parse(config_.databaseUrl(), config_.prefixDir()), options,
                                              Poco::Logger::get("motel.db"));
}

std::vector<std::string> HostRuntime::migrate() {
    MigrationRunner runner(*database_, Poco::Logger::get("motel.migrations"));
    return runner.apply(plugins_->migrations());
}

sdk::PluginContext& HostRuntime::contextFor(const LoadedPlugin& plugin) {
    for (auto& context : contexts_)
        if (context->pluginName() == plugin.name) return *context;
    if (!hostServices_)
        hostServices_.reset(new HostServices{hostInfo_, *database_, *events_, *jobs_, *cache_, *health_, *metrics_,
                                             *services_, router_});
    contexts_.push_back(std::make_unique<PluginContextImpl>(
        plugin.name, sdk::withDefaults(plugin.info.settings, config_.pluginSettings(plugin.name)), *hostServices_));
    return *contexts_.back();
}

void HostRuntime::startPlugins() {
    plugins_->startAll([this](const LoadedPlugin& p) -> sdk::PluginContext& { return contextFor(p); });
}

void HostRuntime::seed() {
    plugins_->seedAll([this](const LoadedPlugin& p) -> sdk::PluginContext& { return contextFor(p); });
}

std::vector<sdk::CommandInfo> HostRuntime::pluginCommands() const {
    std::vector<sdk::CommandInfo> all;
    for (const auto* plugin : plugins_->ordered()) {
        try {
            for (auto& command : plugin->instance->commands()) all.push_back(std::move(command));
        } catch (...) {
            Poco::Logger::get("motel.host")
                .error("plugin %s: commands() failed: %s", plugin->name, describeCurrentException());
        }
    }
    return all;
}

int HostRuntime::runPluginCommand(const std::string& name, const std::vector<std::string>& args, std::istream& in,
                                  std::ostream& out) {
    requirePluginCommand(name);
    for (const auto* plugin : plugins_->ordered())
        for (const auto& command : plugin->instance->commands())
            if (command.name == name) return plugin->instance->runCommand(contextFor(*plugin), name, args, in, out);
    throw UnknownCommand("unknown command '" + name + "'");
}

void HostRuntime::requirePluginCommand(const std::string& name) const {
    std::vector<std::string> known;
    for (const auto& command : pluginCommands()) {
        if (command.name == name) return;
        known.push_back(command.name);
    }
    throw UnknownCommand::naming(name, known);
}

UnknownCommand UnknownCommand::naming(const std::string& word, const std::vector<std::string>& pluginCommands) {
    std::string known;
    for (const auto& name : pluginCommands) known += " " + name;
    return UnknownCommand("unknown command '" + word + "' (built in: serve migrate seed plugins config cache; " +
                          "from plugins:" + (known.empty() ? std::string(" none") : known) + ")");
}

void HostRuntime::serve() {
    router_.freeze();
    DispatcherOptions dispatcherOptions;
    dispatcherOptions.corsOrigins = config_.corsOrigins();
    dispatcherOptions.requestsPerMinute = config_.hostSettings().getInt("http.rateLimit.perMinute", 0, 0);
    dispatcherOptions.logProbes = config_.hostSettings().getBool("log.probes", false);
    dispatcher_ = std::make_unique<Dispatcher>(router_, *metrics_, traffic_, *cache_, dispatcherOptions);
    dispatcher_->setAuthenticator(services_->find<sdk::Authenticator>(sdk::kAuthenticatorService));
    dispatcher_->setEventBus(events_.get());

    jobs_->start();
    jobsRunning_ = true;

    HttpServerOptions options;
    options.host = config_.httpHost();
    options.port = config_.httpPort();
    options.maxBodyBytes = config_.maxBodyBytes();
    const auto& settings = config_.hostSettings();
    options.workerThreads = static_cast<unsigned>(settings.getInt("http.workers", options.workerThreads, 1, 1024));
    options.ioThreads = static_cast<unsigned>(settings.getInt("http.ioThreads", options.ioThreads, 1, 64));
    options.maxConnections =
        static_cast<std::size_t>(settings.getInt("http.maxConnections", options.maxConnections, 1, 1000000));
    options.headerTimeout = settings.getDuration("http.headerTimeout", options.headerTimeout);
    options.idleTimeout = settings.getDuration("http.idleTimeout", options.idleTimeout);
    options.bodyTimeout = settings.getDuration("http.bodyTimeout", options.bodyTimeout);
    options.trustForwardedFor = settings.getBool("http.trustProxy", false);
    // Behind a trusted proxy every peer is the proxy, so a per-peer cap would
    // cap the proxy: there the proxy limits connections per client
    // (`limit_conn` in docker/nginx/motel.conf).
    const auto perAddress = static_cast<std::size_t>(
        settings.getInt("http.maxConnectionsPerAddress", kDefaultConnectionsPerAddress, 0, 1000000));
    options.maxConnectionsPerAddress = options.trustForwardedFor ? 0 : perAddress;
    options.maxHeaderBytes =
        static_cast<std::size_t>(settings.getInt("http.maxHeaderBytes", options.maxHeaderBytes, 1024, 1024 * 1024));
    options.writeTimeout = settings.getDuration("http.writeTimeout", options.writeTimeout);
    options.maxQueuedRequests =
        static_cast<std::size_t>(settings.getInt("http.maxQueuedRequests", options.maxQueuedRequests, 1, 1000000));
    options.inlineFastHandlers = settings.getBool("http.inlineFastHandlers", options.inlineFastHandlers);
    Dispatcher* dispatcher = dispatcher_.get();
    http_ = std::make_unique<HttpServer>(
        options, [dispatcher](sdk::Request& request, sdk::Response& response, ConnectionTakeover&) {
            dispatcher->dispatch(request, response);
        });
    http_->start();
}

std::uint16_t HostRuntime::port() const {
    return http_ ? http_->port() : 0;
}

void HostRuntime::publishDraining() noexcept {
    try {
        Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
        payload->set("reason", "shutdown");
        events_->publish("host.draining", payload);
    } catch (...) {
        // The bus logs subscriber failures itself; the shutdown goes on.
    }
}

void HostRuntime::shutdown(std::chrono::milliseconds grace) noexcept {
    try {
        // Realtime (and any plugin that holds long-lived connections) ends
        // them on `host.draining`, once no new connection can reach this host.
        if (http_) http_->stop(grace, [this] { publishDraining(); });
    } catch (...) {
    }
    if (jobsRunning_) {
        jobs_->stop(grace);
        jobsRunning_ = false;
    }
    if (plugins_) plugins_->stopAll();
}

} // namespace motel::host
