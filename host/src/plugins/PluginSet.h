#pragma once
// The plugins named in `plugins.load`, loaded and put in dependency order,
// and their lifecycle: migrations, start in order, seed, stop in reverse.
// Every call into plugin code is guarded; a failure names the plugin.

#include "plugins/PluginLoader.h"

#include <motel/sdk/PluginContext.h>

#include <atomic>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace motel::host {

/// A plugin whose start() (or seed()) failed; the message names it.
class PluginStartError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class PluginSet {
public:
    using ContextFor = std::function<sdk::PluginContext&(const LoadedPlugin&)>;

    /// Loads every requested plugin and orders them. Throws PluginLoadError
    /// or DependencyError (missing dependency, cycle).
    PluginSet(PluginLoader& loader, const std::vector<std::string>& requested);
    ~PluginSet();

    const std::vector<LoadedPlugin*>& ordered() const { return ordered_; }
    std::vector<std::string> names() const;
    /// Each plugin's migrations, in dependency order.
    std::vector<std::pair<std::string, std::vector<sdk::Migration>>> migrations() const;

    /// Starts every plugin in order. When one throws, the ones already
    /// started are stopped in reverse and PluginStartError is thrown.
    void startAll(const ContextFor& contextFor);
    void seedAll(const ContextFor& contextFor);
    /// Stops the started plugins in reverse order; never throws.
    void stopAll() noexcept;
    bool allStarted() const { return allStarted_.load(); }

private:
    std::vector<LoadedPlugin*> ordered_;
    std::size_t started_ = 0;
    std::atomic<bool> allStarted_{false};
};

} // namespace motel::host
