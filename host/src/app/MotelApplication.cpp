#include "app/MotelApplication.h"
#include "app/ControlSignals.h"
#include "app/HostRuntime.h"
#include "app/PluginCommands.h"
#include "app/PortFile.h"
#include "app/ServiceNotifier.h"
#include "app/UsageText.h"
#include "cli/DaemonMode.h"
#include "cli/ExecutablePath.h"
#include "cli/ExitCodes.h"
#include "config/HostConfig.h"
#include "plugins/CommandCatalog.h"
#include "plugins/DependencyOrder.h"
#include "services/ExceptionText.h"

#include <Poco/ConsoleChannel.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <motel/sdk/Settings.h>
#include <motel/sdk/Version.h>

#include <iostream>
#include <malloc.h>
#include <map>
#include <optional>
#include <unistd.h>

extern char** environ;

namespace motel::host {

namespace {
std::map<std::string, std::string> processEnvironment() {
    std::map<std::string, std::string> env;
    for (char** entry = environ; entry && *entry; ++entry) {
        const std::string text(*entry);
        const auto eq = text.find('=');
        if (eq != std::string::npos) env[text.substr(0, eq)] = text.substr(eq + 1);
    }
    return env;
}

// One clear line on stderr for anything that stops the host.
int fail(const std::string& message, int code) {
    Poco::Logger::root().getChannel()->close();
    std::cerr << "motel-host: " << message << std::endl;
    return code;
}

// The unit's TimeoutStopSec (debian/motel-manager.service) leaves room for
// this plus the plugins' own stop.
const std::chrono::milliseconds kShutdownGrace(10000);

// Where a host installed under /usr (the Debian package) keeps its
// configuration: /etc, as GNUInstallDirs maps it for that prefix.
const char* const kSystemConfigFile = "/etc/motel/motel.properties";

// The options in the order --help lists them (the daemon options first, as
// Poco's ServerApplication defined them).
std::vector<OptionSpec> hostOptions() {
    return {
        {"daemon", "", "", "Run application as a daemon."},
        {"umask", "", "mask", "Set the daemon's umask (octal, e.g. 027)."},
        {"pidfile", "", "path", "Write the process ID of the application to given file."},
        {"help", "h", "", "Show this help and exit.", true},
        {"version", "V", "", "Print the host's version and the plugin SDK's version and exit.", true},
        {"config", "c", "FILE", "Read configuration from FILE (default: <prefix>/etc/motel/motel.properties)."},
    };
}

} // namespace

MotelApplication::MotelApplication() : commandLine_(hostOptions()) {}

int MotelApplication::run(int argc, char** argv) {
    // Lines logged before the configuration names the log's place (and
    // fail(), which closes the root channel) need a channel: standard error.
    Poco::Logger::root().setChannel(new Poco::ConsoleChannel);
    const std::string workingDirectory = Poco::Path::current();
    const std::vector<std::string> arguments(argv + (argc > 0 ? 1 : 0), argv + argc);
    const bool detached = daemon_mode::requested(arguments);
    std::vector<std::string> commandArgs;
    try {
        if (detached) daemon_mode::detach();
        const ExecutablePath executable(argc > 0 ? argv[0] : "motel-host", workingDirectory);
        commandName_ = executable.baseName();
        executableDir_ = executable.directory();
        commandArgs = commandLine_.parse(
            arguments, [this](const OptionSpec& option, const std::string& value) { handleOption(option, value); });
        if (detached && ::chdir("/") != 0) return EXIT_OSERR;
    } catch (const std::exception& e) {
        std::cerr << e.what() << std::endl;
        return EXIT_CONFIG;
    }
    try {
        return main(commandArgs);
    } catch (...) {
        return fail(describeCurrentException(), EXIT_SOFTWARE);
    }
}

void MotelApplication::handleOption(const OptionSpec& option, const std::string& value) {
    if (option.fullName == "help") helpRequested_ = true;
    if (option.fullName == "version") versionRequested_ = true;
    if (option.fullName == "config") configFile_ = value;
    if (option.fullName == "umask") daemon_mode::setUmask(value);
    if (option.fullName == "pidfile") daemon_mode::writePidFile(value);
}

std::string MotelApplication::usage() const {
    std::vector<UsageEntry> commands{
        {"serve", "load the configured plugins, migrate, and serve HTTP (the default)"},
        {"migrate", "apply pending database migrations and exit"},
        {"seed", "add development demo data (refused when motel.env=production) and exit"},
        {"plugins", "list the plugins found in the plugin folders (plugins.dir, MOTEL_PLUGIN_PATH) and exit"},
        {"plugins describe NAME", "a plugin's version, dependencies, settings, routes, events, jobs, metrics, checks"},
        {"config check", "validate the configuration and every plugin's declared settings (no database) and exit"},
        {"cache clear", "empty the shared cache (never the job queue; use it instead of redis-cli FLUSHALL)"},
    };
    try {
        const HostConfig config = loadConfig();
        const PluginLoader files(config.pluginDirs());
        const auto catalog = CommandCatalog::read(files, config.pluginsToLoad());
        for (const auto& command : catalog.commands())
            commands.push_back({command.name + " ...", command.summary + " (plugin " + command.plugin + ")"});
    } catch (const std::exception&) {
        // No readable configuration: the built-in commands are all we know.
    }
    std::vector<UsageEntry> flags;
    for (const auto& option : commandLine_.options()) {
        std::string name = "--" + option.fullName;
        if (option.takesArgument()) name += "=" + option.argumentName;
        if (!option.shortName.empty()) name = "-" + option.shortName + ", " + name;
        flags.push_back({name, option.description});
    }
    return formatUsage(commandName_ + " [--config=FILE] [serve|migrate|seed|plugins [describe NAME]|config "
                                      "check|cache clear|<plugin command> ARGS...]",
                       commands, flags,
                       "Environment overrides: PORT, HOST, DATABASE_URL, REDIS_URL, JWT_SECRET, JWT_EXPIRES_IN, "
                       "MOTEL_PLUGINS, MOTEL_PLUGIN_PATH, MOTEL_ENV, CORS_ORIGINS, LOG_LEVEL, LOG_FORMAT.\n"
                       "serve: SIGTERM/SIGINT stop gracefully; SIGHUP reopens log.file and re-reads the log levels.");
}

int MotelApplication::usageError(const std::string& message) const {
    std::cerr << "motel-host: " << message << "\n\n" << usage();
    std::cerr.flush();
    return EXIT_USAGE;
}

std::string MotelApplication::prefixDir() const {
    // <prefix>/bin/motel-host → <prefix>
    Poco::Path binDir(executableDir_);
    return binDir.parent().toString();
}

HostConfig MotelApplication::loadConfig() const {
    std::string file = configFile_;
    if (file.empty()) {
        const std::string fallback =
            Poco::Path(Poco::Path(prefixDir()).makeDirectory(), "etc/motel/motel.properties").toString();
        if (Poco::File(fallback).exists())
            file = fallback;
        else if (prefixDir() == "/usr/" && Poco::File(kSystemConfigFile).exists())
            file = kSystemConfigFile;
    }
    return HostConfig::load(file, processEnvironment(), prefixDir());
}

int MotelApplication::main(const std::vector<std::string>& args) {
    if (helpRequested_) {
        std::cout << usage();
        return EXIT_OK;
    }
    if (versionRequested_) {
        std::cout << "motel-host " << MOTEL_HOST_VERSION << "\nplugin SDK " << MOTEL_SDK_VERSION_STRING << " (ABI "
                  << MOTEL_SDK_ABI_MAJOR << "." << MOTEL_SDK_ABI_MINOR << ")" << std::endl;
        return EXIT_OK;
    }
    const std::string command = args.empty() ? "serve" : args.front();
    // Blocked before any thread starts (the async logger, I/O threads,
    // workers), so only the sigwait() in serve() ever sees them.
    if (command == "serve") ControlSignals::block();
    const bool builtIn = command == "serve" || command == "migrate" || command == "seed" || command == "plugins";
    const bool describing = command == "plugins" && args.size() > 1;
    if (builtIn && args.size() > 1 && !describing) return fail("'" + command + "' takes no arguments", EXIT_USAGE);
    if (describing && (args.size() != 3 || args[1] != "describe"))
        return fail("usage: motel-host plugins [describe NAME]", EXIT_USAGE);
    if (command == "config" && (args.size() != 2 || args[1] != "check"))
        return fail("usage: motel-host [--config=FILE] config check", EXIT_USAGE);

    std::optional<HostConfig> config;
    try {
        config = loadConfig();
        logging_.configure(*config);
    } catch (const std::exception&) {
        return fail("configuration error: " + describeCurrentException(), EXIT_CONFIG);
    }

    try {
        if (command == "serve") return serve(std::move(*config));
        if (command == "migrate") return migrate(std::move(*config));
        if (command == "seed") return seed(std::move(*config));
        if (describing) return PluginCommands::describe(*config, args[2], std::cout);
        if (command == "plugins") return listPlugins(std::move(*config));
        if (command == "config") return PluginCommands::checkConfig(*config, std::cout);
        if (command == "cache") {
            if (args.size() != 2 || args[1] != "clear") return fail("usage: motel-host cache clear", EXIT_USAGE);
            std::cout << HostRuntime::clearCache(*config) << std::endl;
            return EXIT_OK;
        }
        return pluginCommand(std::move(*config), args);
    } catch (const UnknownCommand& e) {
        Poco::Logger::root().getChannel()->close();
        return usageError(e.what());
    } catch (const std::invalid_argument& e) {
        return fail(e.what(), EXIT_USAGE);
    } catch (const sdk::ConfigError&) {
        // A refused setting (a plugin's declared settings or checkSettings(),
        // db.url, redis.url): the same 78 as `config check` gives it.
        return fail(describeCurrentException(), EXIT_CONFIG);
    } catch (const std::exception&) {
        return fail(describeCurrentException(), EXIT_SOFTWARE);
    }
}

int MotelApplication::pluginCommand(HostConfig config, const std::vector<std::string>& args) {
    {
        // The plugins' files declare their commands: an unknown word stops
        // here, before any plugin library is opened.
        const PluginLoader files(config.pluginDirs());
        const auto catalog = CommandCatalog::read(files, config.pluginsToLoad());
        if (!catalog.mayProvide(args.front())) {
            std::vector<std::string> names;
            for (const auto& command : catalog.commands()) names.push_back(command.name);
            throw UnknownCommand::naming(args.front(), names);
        }
    }
    HostRuntime runtime(std::move(config));
    // A plugin built before SDK 3.1 declares nothing in its file: loading
    // tells, and an unknown word still stops before the database is opened,
    // migrated or any plugin started.
    runtime.loadPlugins();
    runtime.requirePluginCommand(args.front());
    runtime.openDatabase();
    runtime.migrate();
    runtime.startPlugins();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    const int code = runtime.runPluginCommand(args.front(), rest, std::cin, std::cout);
    std::cout.flush();
    runtime.shutdown(kShutdownGrace);
    return code;
}

int MotelApplication::serve(HostConfig config) {
    auto& log = Poco::Logger::get("motel.host");
    HostRuntime runtime(std::move(config));
    runtime.loadPlugins();
    runtime.openDatabase();
    if (runtime.config().migrateOnStart()) {
        for (const auto& applied : runtime.migrate()) log.information("migration applied: %s", applied);
    }
    runtime.startPlugins();
    runtime.serve();
    // Starting (plugin catalogs, migrations, settings checks) frees most of
    // what it allocated; hand those pages back before serving, so the idle
    // host holds only what it uses (~0.1 MiB, bench/memory/idle-rss.sh).
    ::malloc_trim(0);
    writePortFile(runtime.config().httpPortFile(), runtime.port());
    log.information("motel-host %s listening on %s:%hu (%s)", std::string(MOTEL_HOST_VERSION),
                    runtime.config().httpHost(), runtime.port(), runtime.config().environment());
    const ServiceNotifier systemd;
    systemd.ready("listening on port " + std::to_string(runtime.port()));
    ControlSignals::waitForStop([this, &log, &systemd] {
        systemd.reloading();
        reload(log);
        systemd.ready("reloaded");
    });
    systemd.stopping();
    log.information("shutting down");
    runtime.shutdown(kShutdownGrace);
    log.information("stopped");
    Poco::Logger::root().getChannel()->close();
    return EXIT_OK;
}

void MotelApplication::reload(Poco::Logger& log) {
    try {
        const HostConfig fresh = loadConfig();
        HostLogging::applyLevels(fresh);
        logging_.reopenFiles();
        log.information("reload: log files reopened, log levels re-read from %s", fresh.source());
    } catch (const std::exception&) {
        log.error("reload failed, keeping the running settings: %s", describeCurrentException());
    }
}

int MotelApplication::migrate(HostConfig config) {
    HostRuntime runtime(std::move(config));
    runtime.loadPlugins();
    runtime.openDatabase();
    const auto applied = runtime.migrate();
    for (const auto& line : applied) std::cout << "applied " << line << "\n";
    std::cout << (applied.empty() ? "database is up to date" : std::to_string(applied.size()) + " migration(s) applied")
              << std::endl;
    return EXIT_OK;
}

int MotelApplication::seed(HostConfig config) {
    if (config.isProduction()) return fail("seed is for development only (motel.env=production)", EXIT_USAGE);
    HostRuntime runtime(std::move(config));
    runtime.loadPlugins();
    runtime.openDatabase();
    runtime.migrate();
    runtime.startPlugins();
    runtime.seed();
    runtime.shutdown(kShutdownGrace);
    std::cout << "seeded demo data" << std::endl;
    return EXIT_OK;
}

int MotelApplication::listPlugins(HostConfig config) {
    PluginLoader loader(config.pluginDirs());
    std::string folders;
    for (const auto& folder : loader.directories()) folders += (folders.empty() ? "" : ", ") + folder;
    std::cout << "plugins in " << folders << ":\n";
    for (const auto& name : loader.available()) {
        try {
            const LoadedPlugin& plugin = loader.load(name);
            std::string deps;
            for (const auto& d : plugin.info.dependencies) deps += (deps.empty() ? "" : ",") + d;
            std::cout << "  " << name << " " << plugin.info.version << " (SDK ABI " << plugin.stamp.sdkMajor << "."
                      << plugin.stamp.sdkMinor << ")"
                      << " depends on: " << (deps.empty() ? "-" : deps);
            if (!plugin.info.description.empty()) std::cout << " — " << plugin.info.description;
            std::cout << "\n";
        } catch (...) {
            std::cout << "  " << name << " UNUSABLE: " << describeCurrentException() << "\n";
        }
    }
    std::cout.flush();
    return EXIT_OK;
}

} // namespace motel::host
