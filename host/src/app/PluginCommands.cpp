#include "app/PluginCommands.h"

#include "app/HostInfoImpl.h"
#include "db/DatabaseUrl.h"
#include "db/MigrationRunner.h"
#include "db/SqlDatabase.h"
#include "plugins/CommandCatalog.h"
#include "plugins/PluginContextImpl.h"
#include "plugins/PluginSet.h"
#include "plugins/PluginSettingsCheck.h"
#include "plugins/recording/Recorders.h"
#include "routing/Router.h"
#include "services/ExceptionText.h"
#include "services/InProcessEventBus.h"
#include "services/MemoryCache.h"
#include "services/ServiceDirectory.h"

#include <motel/sdk/SettingSpec.h>

#include <Poco/Logger.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>

namespace motel::host {

namespace {

constexpr int kExitUsage = 64;
constexpr int kExitConfig = 78;

std::string joined(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

/// `name` and everything it depends on, dependencies first where known.
std::vector<std::string> withDependencies(PluginLoader& loader, const std::string& name) {
    std::vector<std::string> out;
    std::vector<std::string> pending{name};
    while (!pending.empty()) {
        const std::string next = pending.back();
        pending.pop_back();
        if (std::find(out.begin(), out.end(), next) != out.end()) continue;
        out.push_back(next);
        for (const auto& dependency : loader.load(next).info.dependencies) pending.push_back(dependency);
    }
    return out;
}

/// The items in `after` that `before` did not have (registration order kept).
std::vector<std::string> added(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    std::vector<std::string> out;
    for (std::size_t i = before.size(); i < after.size(); ++i) out.push_back(after[i]);
    return out;
}

std::vector<std::string> newNames(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    const std::set<std::string> seen(before.begin(), before.end());
    std::vector<std::string> out;
    for (const auto& name : after)
        if (!seen.count(name)) out.push_back(name);
    return out;
}

void printList(std::ostream& out, const std::string& title, const std::vector<std::string>& items) {
    out << title << ":" << (items.empty() ? " -" : "") << "\n";
    for (const auto& item : items) out << "  " << item << "\n";
}

void printSettings(std::ostream& out, const std::string& plugin, const std::vector<sdk::SettingSpec>& specs) {
    out << "settings:" << (specs.empty() ? " - (none declared)" : "") << "\n";
    for (const auto& spec : specs) {
        out << "  plugins." << plugin << "." << spec.key << "  " << sdk::settingTypeName(spec.type);
        if (spec.type == sdk::SettingType::secret)
            out << "  (secret)";
        else
            out << "  default " << (spec.defaultValue.empty() ? "(none)" : spec.defaultValue);
        const std::string constraint = spec.constraint();
        if (!constraint.empty()) out << "  " << constraint;
        if (spec.required) out << "  required";
        out << "\n      " << spec.doc << "\n";
    }
}

/// The plugin's commands() and whether its file declares each one
/// (MOTEL_PLUGIN_COMMAND): an undeclared command of a library that declares
/// commands is unreachable from the command line.
std::vector<std::string> commandLines(const PluginLoader& loader, const LoadedPlugin& plugin) {
    const auto catalog = CommandCatalog::read(loader, {plugin.name});
    const bool declaring = catalog.undeclared().empty();
    std::vector<std::string> out;
    for (const auto& command : plugin.instance->commands()) {
        std::string line = command.name + (command.usage.empty() ? "" : "  " + command.usage);
        if (declaring && !catalog.declares(command.name))
            line += "  (not declared with MOTEL_PLUGIN_COMMAND: the command line cannot reach it)";
        out.push_back(line);
    }
    return out;
}

/// What one plugin registered while it started in the sandbox.
struct Registrations {
    std::vector<std::string> routes, subscriptions, jobs, metrics, checks, services;
};

/// Starts `plugins` (dependency order) against recording registries, an
/// in-memory SQLite database and host settings without Redis, and returns
/// what `name` registered. Stops them all again before returning.
Registrations registrationsOf(PluginSet& plugins, const HostConfig& config, const std::string& name) {
    auto hostValues = config.hostSettings().values();
    hostValues.erase("redis.url");
    RecordingHostInfo hostInfo{sdk::Settings("", hostValues)};
    InProcessEventBus bus(Poco::Logger::get("motel.events"));
    RecordingEventBus events(bus);
    RecordingJobs jobs;
    MemoryCache cache(1000);
    RecordingHealth health;
    RecordingMetrics metrics;
    ServiceDirectory services;
    Router router;
    SqlDatabase database(DatabaseUrl::parse("sqlite::memory:"), SqlDatabaseOptions{}, Poco::Logger::get("motel.db"));
    MigrationRunner(database, Poco::Logger::get("motel.migrations")).apply(plugins.migrations());

    HostServices shared{hostInfo, database, events, jobs, cache, health, metrics, services, router};
    std::vector<std::unique_ptr<PluginContextImpl>> contexts;
    Registrations result;
    const auto routesOf = [&router](const std::string& owner) {
        std::vector<std::string> out;
        for (const auto& route : router.routes())
            if (route.owner == owner) out.push_back(route.route.method + " " + route.route.path);
        return out;
    };
    try {
        plugins.startAll([&](const LoadedPlugin& plugin) -> sdk::PluginContext& {
            // Whatever this plugin registers shows up between here and the
            // next plugin's turn; record the state before it starts.
            if (plugin.name == name) {
                result.subscriptions = events.patterns();
                result.jobs = jobs.list();
                result.metrics = metrics.names();
                result.checks = health.names();
                result.services = services.names();
            }
            contexts.push_back(std::make_unique<PluginContextImpl>(
                plugin.name, sdk::withDefaults(plugin.info.settings, config.pluginSettings(plugin.name)), shared));
            return *contexts.back();
        });
        // `name` starts last among its dependencies: everything after the
        // snapshot is its own.
        result.subscriptions = added(result.subscriptions, events.patterns());
        result.jobs = added(result.jobs, jobs.list());
        result.metrics = newNames(result.metrics, metrics.names());
        result.checks = newNames(result.checks, health.names());
        result.services = newNames(result.services, services.names());
        result.routes = routesOf(name);
    } catch (...) {
        services.clear();
        throw;
    }
    plugins.stopAll();
    services.clear();
    return result;
}

} // namespace

int PluginCommands::checkConfig(const HostConfig& config, std::ostream& out) {
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    std::size_t plugins = 0;
    try {
        PluginLoader loader(config.pluginDirs());
        PluginSet set(loader, config.pluginsToLoad());
        plugins = set.ordered().size();
        const TrafficWindow traffic;
        const HostInfoImpl host(config, traffic);
        const SettingsReport report = PluginSettingsCheck::run(set, config, host);
        errors = report.errors;
        warnings = report.warnings;
    } catch (const std::exception&) {
        errors.push_back(describeCurrentException()); // a plugin's checkSettings() may throw Poco's exceptions
    }
    for (const auto& warning : warnings) out << "warning: " << warning << "\n";
    for (const auto& error : errors) out << "error: " << error << "\n";
    if (!errors.empty()) {
        out << config.source() << ": " << errors.size() << " error(s)" << std::endl;
        return kExitConfig;
    }
    out << config.source() << ": configuration OK (" << plugins << " plugins: " << joined(config.pluginsToLoad()) << ")"
        << std::endl;
    return 0;
}

int PluginCommands::describe(const HostConfig& config, const std::string& name, std::ostream& out) {
    PluginLoader loader(config.pluginDirs());
    const auto available = loader.available();
    if (std::find(available.begin(), available.end(), name) == available.end()) {
        out << "no plugin '" << name << "' in " << joined(loader.directories()) << " (available: " << joined(available)
            << ")" << std::endl;
        return kExitUsage;
    }
    PluginSet plugins(loader, withDependencies(loader, name));
    const LoadedPlugin& plugin = loader.load(name);
    const sdk::PluginInfo& info = plugin.info;
    out << info.name << " " << info.version << (info.description.empty() ? "" : " — " + info.description) << "\n";
    out << "file: " << plugin.path << "\n";
    out << "SDK ABI: " << plugin.stamp.sdkMajor << "." << plugin.stamp.sdkMinor << "\n";
    out << "depends on: " << (info.dependencies.empty() ? "-" : joined(info.dependencies)) << "\n";
    printSettings(out, info.name, info.settings);
    printList(out, "publishes", info.publishes);
    printList(out, "commands", commandLines(loader, plugin));

    {
        // The sandbox starts the plugin with these settings: a refused one
        // stops here as it would stop `serve` (sdk::ConfigError, exit 78).
        const TrafficWindow traffic;
        const HostInfoImpl host(config, traffic);
        PluginSettingsCheck::enforce(plugins, config, host);
    }
    const Registrations registered = registrationsOf(plugins, config, name);
    out << "registered when started (sandbox: in-memory SQLite, no Redis):\n";
    printList(out, "routes", registered.routes);
    printList(out, "subscribes to", registered.subscriptions);
    printList(out, "jobs", registered.jobs);
    printList(out, "metrics", registered.metrics);
    printList(out, "health checks", registered.checks);
    printList(out, "services", registered.services);
    out.flush();
    return 0;
}

} // namespace motel::host
