#pragma once
// Loads plugin libraries from the plugins folder. A library is opened first
// as a plain shared library so its ABI stamp can be read without running any
// of its code; only a compatible library is handed to Poco's ClassLoader,
// whose manifest is then looked up for this library alone (Poco 1.11 opens
// with RTLD_GLOBAL and would otherwise search every library by class name).

#include <motel/sdk/Plugin.h>

#include <Poco/ClassLoader.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace motel::host {

/// A plugin that could not be loaded; the message names the plugin and why.
class PluginLoadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct LoadedPlugin {
    std::string name;
    std::string path;
    sdk::AbiStamp stamp{};
    sdk::PluginInfo info;
    std::unique_ptr<sdk::Plugin> instance;
};

class PluginLoader {
public:
    explicit PluginLoader(std::string directory);
    ~PluginLoader();
    PluginLoader(const PluginLoader&) = delete;
    PluginLoader& operator=(const PluginLoader&) = delete;

    /// Loads `<directory>/<name>.so`, checks its ABI, creates the plugin and
    /// reads its info. Throws PluginLoadError.
    LoadedPlugin& load(const std::string& name);
    /// The plugin names present in the folder (files `<name>.so`), sorted.
    std::vector<std::string> available() const;
    const std::string& directory() const { return directory_; }
    std::string pathFor(const std::string& name) const;

    /// Destroys every plugin instance (libraries stay loaded until the loader
    /// goes away). Called after the plugins have stopped.
    void destroyInstances() noexcept;

private:
    std::string directory_;
    Poco::ClassLoader<sdk::Plugin> classLoader_; // declared before plugins_: outlives the instances
    std::vector<std::unique_ptr<LoadedPlugin>> plugins_;

    static sdk::AbiStamp readStamp(const std::string& name, const std::string& path);
    std::unique_ptr<sdk::Plugin> instantiate(const std::string& name, const std::string& path);
};

} // namespace motel::host
