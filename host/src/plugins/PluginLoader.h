#pragma once
// Loads plugin libraries from the plugin folders (`plugins.dir` and
// MOTEL_PLUGIN_PATH). A library's ABI stamp is read from the file
// (ElfStampReader) without opening it, so no code of a refused plugin runs;
// a compatible library is opened once, by Poco's ClassLoader, whose manifest
// is then looked up for this library alone (Poco 1.11 opens with RTLD_GLOBAL
// and would otherwise search every library by class name). A plugin name
// found in two folders is refused with both paths: which one would win is
// not something an operator should have to guess.

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
    /// `directories` are searched together; an absent folder holds nothing.
    explicit PluginLoader(std::vector<std::string> directories);
    explicit PluginLoader(std::string directory) : PluginLoader(std::vector<std::string>{std::move(directory)}) {}
    ~PluginLoader();
    PluginLoader(const PluginLoader&) = delete;
    PluginLoader& operator=(const PluginLoader&) = delete;

    /// Loads `<folder>/<name>.so`, checks its ABI, creates the plugin and
    /// reads its info. Throws PluginLoadError (also when two folders hold
    /// `<name>.so`).
    LoadedPlugin& load(const std::string& name);
    /// The plugin names present in the folders (files `<name>.so`), sorted,
    /// each once.
    std::vector<std::string> available() const;
    /// Every path of `<name>.so` in the folders, in folder order.
    std::vector<std::string> pathsFor(const std::string& name) const;
    const std::vector<std::string>& directories() const { return directories_; }
    /// The stamp in `path`, read from the file. Throws PluginLoadError.
    static sdk::AbiStamp readStamp(const std::string& name, const std::string& path);

    /// Destroys every plugin instance (libraries stay loaded until the loader
    /// goes away). Called after the plugins have stopped.
    void destroyInstances() noexcept;

private:
    std::vector<std::string> directories_;
    Poco::ClassLoader<sdk::Plugin> classLoader_; // declared before plugins_: outlives the instances
    std::vector<std::unique_ptr<LoadedPlugin>> plugins_;

    std::unique_ptr<sdk::Plugin> instantiate(const std::string& name, const std::string& path);
};

} // namespace motel::host
