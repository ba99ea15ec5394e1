#pragma once
/// The interface every plugin implements, and the macro that exports it.
///
///   class HelloPlugin : public motel::sdk::Plugin { ... };
///   MOTEL_PLUGIN(HelloPlugin)
///
/// Lifecycle: the host reads the library's ABI stamp from the file, opens a
/// compatible library once, creates the plugin, validates every plugin's
/// declared settings (PluginInfo::settings) and cross-setting rules
/// (checkSettings()), applies migrations() (all
/// plugins, dependency order), then calls start() in dependency order; on
/// shutdown stop() in reverse order. Do no work in static initialisers or the
/// constructor. start() may throw: the
/// host then stops with a message naming the plugin. stop() must not throw.

#include <motel/sdk/Database.h>
#include <motel/sdk/Export.h>
#include <motel/sdk/PluginContext.h>
#include <motel/sdk/SettingSpec.h>
#include <motel/sdk/Version.h>

#include <Poco/ClassLibrary.h>

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace motel::sdk {

/// An operator command a plugin adds to `motel-host`, e.g. `user` for
/// `motel-host user add EMAIL NAME ROLE`.
struct CommandInfo {
    std::string name;  ///< the first word after `motel-host`
    std::string usage; ///< e.g. "user add EMAIL NAME [ROLE] | user passwd EMAIL | user disable EMAIL"
    std::string description;
};

struct PluginInfo {
    PluginInfo() = default;
    PluginInfo(std::string name_, std::string version_, std::string description_ = {},
               std::vector<std::string> dependencies_ = {})
        : name(std::move(name_)), version(std::move(version_)), description(std::move(description_)),
          dependencies(std::move(dependencies_)) {}

    std::string name;    ///< the name used in `plugins.load` and the file name
    std::string version; ///< the plugin's own version
    std::string description;
    std::vector<std::string> dependencies; ///< plugin names that must start first
    /// Every `plugins.<name>.*` key the plugin reads (SettingSpec.h).
    std::vector<SettingSpec> settings;
    /// The event topics this plugin publishes (for `plugins describe` and the
    /// event catalogue; the bus does not enforce it).
    std::vector<std::string> publishes;
};

class MOTEL_SDK_API Plugin {
public:
    virtual ~Plugin();
    virtual PluginInfo info() const = 0;
    /// This plugin's schema steps; the host applies the pending ones.
    virtual std::vector<Migration> migrations() const { return {}; }
    /// Register routes, jobs, checks, metrics and services.
    virtual void start(PluginContext& context) = 0;
    /// Release what start() acquired. Must not throw.
    virtual void stop() noexcept {}
    /// `motel-host seed`: add demo data when the plugin's tables are empty
    /// (development only; must be idempotent). Runs after migrations, in
    /// dependency order, after start() of every plugin.
    virtual void seed(PluginContext& context) { (void)context; }
    /// Operator commands this plugin provides.
    virtual std::vector<CommandInfo> commands() const { return {}; }
    /// Runs command `name` with the words after it. Called after migrations
    /// and start() of every plugin, with no HTTP server running. Write
    /// results for the operator to `out` (never secrets); secrets such as
    /// passwords are read from `in`, not from arguments. Returns the exit
    /// code (0 success, 64 usage error). May throw: the host prints the
    /// message and exits non-zero.
    virtual int runCommand(PluginContext& context, const std::string& name, const std::vector<std::string>& args,
                           std::istream& in, std::ostream& out) {
        (void)context, (void)name, (void)args, (void)in, (void)out;
        return 64;
    }
    /// SDK 3.1 (ABI 3.1): rules that involve more than one setting, or a
    /// setting and a host key (`motel.env`, `http.workers`...), which
    /// SettingSpec cannot express. The host calls it after loading and after
    /// every declared setting passed its own checks, before any migration
    /// runs or any plugin starts — also for `motel-host config check` — with
    /// the plugin's settings (declared defaults filled in) and the host.
    /// Return every problem, each naming the keys involved (e.g.
    /// "plugins.hello.burst (50) exceeds plugins.hello.limit (10)"); the
    /// host reports all plugins' problems together and stops. Must not touch
    /// the database or start anything. May throw: that is one problem.
    virtual std::vector<std::string> checkSettings(const Settings& settings, const HostInfo& host) const {
        (void)settings, (void)host;
        return {};
    }
};

} // namespace motel::sdk

/// Exports `cls` as this library's plugin, with the ABI stamp the host reads
/// from the file (ELF section MOTEL_ABI_SECTION) before it runs any of the
/// library's code. Use exactly once per library. It also marks the library
/// as one that declares its operator commands (MOTEL_PLUGIN_COMMAND, none
/// when it uses no such line), so the host trusts the declarations alone.
#define MOTEL_PLUGIN(cls)                                                                                              \
    extern "C" MOTEL_PLUGIN_EXPORT __attribute__((section(MOTEL_ABI_SECTION), used))                                   \
    const motel::sdk::AbiStamp motel_plugin_abi = motel::sdk::currentAbiStamp();                                       \
    MOTEL_COMMANDS_ENTRY(motel_plugin_commands_marker, MOTEL_COMMANDS_MARKER)                                          \
    POCO_BEGIN_MANIFEST(motel::sdk::Plugin)                                                                            \
    POCO_EXPORT_CLASS(cls)                                                                                             \
    POCO_END_MANIFEST

/// Declares an operator command of this library, e.g.
///
///   MOTEL_PLUGIN_COMMAND("user", "manage accounts: user add | passwd | disable | enable | list")
///
/// at namespace scope, once per name that commands() returns; both arguments
/// are string literals. The pair lands in the ELF section
/// MOTEL_COMMANDS_SECTION, which the host reads from the file like the ABI
/// stamp: `motel-host --help` lists the command and `motel-host WORD` knows
/// whether WORD exists before it opens any plugin (an unknown word exits 64
/// having run no plugin code and opened no database). A library built before
/// SDK 3.1 has no such section; the host then opens it to ask commands().
#define MOTEL_PLUGIN_COMMAND(name, summary)                                                                            \
    MOTEL_COMMANDS_ENTRY(MOTEL_COMMANDS_CONCAT(motel_plugin_command_, __COUNTER__), name "\x1f" summary)

// Implementation of the two macros above: one NUL-terminated string per
// entry in the section ("name<US>summary", or the marker).
#define MOTEL_COMMANDS_CONCAT_(a, b) a##b
#define MOTEL_COMMANDS_CONCAT(a, b) MOTEL_COMMANDS_CONCAT_(a, b)
#define MOTEL_COMMANDS_ENTRY(variable, text)                                                                           \
    __attribute__((section(MOTEL_COMMANDS_SECTION), used)) static const char variable[] = text;
