#pragma once
// Owns and wires everything a running host is made of, and runs its phases:
// load plugins → open the database → migrate → start plugins → serve HTTP,
// and the reverse on shutdown. The commands (serve, migrate, seed) are
// different selections of these phases.
//
// Member order is destruction order in reverse: the plugin loader (which
// unloads the libraries) is declared first so it goes last, after every
// service that may still hold a function from a plugin's code.

#include "app/HostInfoImpl.h"
#include "config/HostConfig.h"
#include "plugins/PluginContextImpl.h"
#include "plugins/PluginLoader.h"
#include "plugins/PluginSet.h"
#include "routing/Router.h"
#include "routing/TrafficWindow.h"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace motel::host {

/// A command word neither the host nor a loaded plugin knows.
class UnknownCommand : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
    /// "unknown command 'WORD' (built in: ...; from plugins: ...)".
    static UnknownCommand naming(const std::string& word, const std::vector<std::string>& pluginCommands);
};

class SqlDatabase;
class InProcessEventBus;
class ServiceDirectory;
class HealthCheckRunner;
class PrometheusMetrics;
class JobEngine;
class JobMetrics;
class Dispatcher;
class HttpServer;

class HostRuntime {
public:
    explicit HostRuntime(HostConfig config);
    ~HostRuntime();
    HostRuntime(const HostRuntime&) = delete;
    HostRuntime& operator=(const HostRuntime&) = delete;

    /// Loads and orders the configured plugins (no plugin code beyond info()).
    void loadPlugins();
    /// Opens the database pool.
    void openDatabase();
    /// Applies pending migrations of every loaded plugin; returns what it applied.
    std::vector<std::string> migrate();
    /// Creates the plugin contexts and starts every plugin in order.
    void startPlugins();
    /// Runs every plugin's seed().
    void seed();
    /// Runs an operator command provided by a plugin (`motel-host user add ...`).
    /// Returns the plugin's exit code; throws when no plugin provides `name`.
    int runPluginCommand(const std::string& name, const std::vector<std::string>& args, std::istream& in,
                         std::ostream& out);
    /// Every command the loaded plugins provide.
    std::vector<sdk::CommandInfo> pluginCommands() const;
    /// Throws UnknownCommand unless a loaded plugin provides `name`. Needs
    /// loadPlugins() only: nothing is opened or started.
    void requirePluginCommand(const std::string& name) const;
    /// Starts the job engine and the HTTP server; returns once listening.
    void serve();
    std::uint16_t port() const;
    /// Stops HTTP (finishing in-flight requests within `grace`), jobs and
    /// plugins in reverse order. Safe to call twice; never throws.
    void shutdown(std::chrono::milliseconds grace) noexcept;

    const HostConfig& config() const { return config_; }

    /// `motel-host cache clear`: empties the shared (Redis) cache, never the
    /// job queue. Returns a line for the operator.
    static std::string clearCache(const HostConfig& config);

private:
    /// Publishes `host.draining` (the listener is closed; requests in flight
    /// are still being answered).
    void publishDraining() noexcept;

    HostConfig config_;
    std::unique_ptr<PluginLoader> loader_;
    TrafficWindow traffic_;
    HostInfoImpl hostInfo_;
    std::unique_ptr<SqlDatabase> database_;
    std::unique_ptr<InProcessEventBus> events_;
    std::unique_ptr<ServiceDirectory> services_;
    std::unique_ptr<HealthCheckRunner> health_;
    std::unique_ptr<PrometheusMetrics> metrics_;
    std::unique_ptr<sdk::Cache> cache_;
    std::unique_ptr<JobEngine> jobs_;
    std::unique_ptr<JobMetrics> jobMetrics_;
    Router router_;
    std::unique_ptr<HostServices> hostServices_;
    std::vector<std::unique_ptr<PluginContextImpl>> contexts_;
    std::unique_ptr<PluginSet> plugins_;
    std::unique_ptr<Dispatcher> dispatcher_;
    std::unique_ptr<HttpServer> http_;
    bool jobsRunning_ = false;

    sdk::PluginContext& contextFor(const LoadedPlugin& plugin);
};

} // namespace motel::host
