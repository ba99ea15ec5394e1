#pragma once
/// The interface every plugin implements, and the macro that exports it.
///
///   class HelloPlugin : public motel::sdk::Plugin { ... };
///   MOTEL_PLUGIN(HelloPlugin)
///
/// Lifecycle: the host loads the library, checks its ABI stamp, creates the
/// plugin, applies migrations() (all plugins, dependency order), then calls
/// start() in dependency order; on shutdown stop() in reverse order. Do no
/// work in static initialisers or the constructor. start() may throw: the
/// host then stops with a message naming the plugin. stop() must not throw.

#include <motel/sdk/Database.h>
#include <motel/sdk/Export.h>
#include <motel/sdk/PluginContext.h>
#include <motel/sdk/Version.h>

#include <Poco/ClassLibrary.h>

#include <string>
#include <vector>

namespace motel::sdk {

struct PluginInfo {
    std::string name;        ///< the name used in `plugins.load` and the file name
    std::string version;     ///< the plugin's own version
    std::string description;
    std::vector<std::string> dependencies; ///< plugin names that must start first
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
};

} // namespace motel::sdk

/// Exports `cls` as this library's plugin, with the ABI stamp the host checks
/// before it runs any of the library's code. Use exactly once per library.
#define MOTEL_PLUGIN(cls)                                                                       \
    extern "C" MOTEL_PLUGIN_EXPORT const motel::sdk::AbiStamp motel_plugin_abi =                \
        motel::sdk::currentAbiStamp();                                                          \
    POCO_BEGIN_MANIFEST(motel::sdk::Plugin)                                                     \
    POCO_EXPORT_CLASS(cls)                                                                      \
    POCO_END_MANIFEST
