#include "plugins/PluginSet.h"
#include "plugins/DependencyOrder.h"
#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <map>

namespace motel::host {

namespace {
// Runs plugin code, turning anything it throws into one line naming it.
template <class Fn> void guarded(const std::string& plugin, const char* what, Fn&& fn) {
    try {
        fn();
    } catch (...) {
        throw PluginStartError("plugin '" + plugin + "': " + what + " failed: " + describeCurrentException());
    }
}
} // namespace

PluginSet::PluginSet(PluginLoader& loader, const std::vector<std::string>& requested) {
    std::map<std::string, LoadedPlugin*> byName;
    std::map<std::string, std::vector<std::string>> dependencies;
    for (const auto& name : requested) {
        if (byName.count(name)) continue;
        LoadedPlugin& plugin = loader.load(name);
        byName[name] = &plugin;
        dependencies[name] = plugin.info.dependencies;
    }
    std::vector<std::string> unique;
    for (const auto& name : requested)
        if (std::find(unique.begin(), unique.end(), name) == unique.end()) unique.push_back(name);
    for (const auto& name : DependencyOrder::resolve(unique, dependencies)) ordered_.push_back(byName.at(name));
}

PluginSet::~PluginSet() {
    stopAll();
}

std::vector<std::string> PluginSet::names() const {
    std::vector<std::string> out;
    for (const auto* p : ordered_) out.push_back(p->name);
    return out;
}

std::vector<std::pair<std::string, std::vector<sdk::Migration>>> PluginSet::migrations() const {
    std::vector<std::pair<std::string, std::vector<sdk::Migration>>> out;
    for (const auto* p : ordered_) {
        std::vector<sdk::Migration> own;
        guarded(p->name, "migrations()", [&] { own = p->instance->migrations(); });
        out.emplace_back(p->name, std::move(own));
    }
    return out;
}

void PluginSet::startAll(const ContextFor& contextFor) {
    auto& log = Poco::Logger::get("motel.host");
    for (; started_ < ordered_.size(); ++started_) {
        LoadedPlugin& plugin = *ordered_[started_];
        try {
            guarded(plugin.name, "start()", [&] { plugin.instance->start(contextFor(plugin)); });
        } catch (...) {
            stopAll();
            throw;
        }
        log.information("plugin %s %s started", plugin.name, plugin.info.version);
    }
    allStarted_ = true;
}

void PluginSet::seedAll(const ContextFor& contextFor) {
    for (auto* plugin : ordered_) guarded(plugin->name, "seed()", [&] { plugin->instance->seed(contextFor(*plugin)); });
}

void PluginSet::stopAll() noexcept {
    allStarted_ = false;
    auto& log = Poco::Logger::get("motel.host");
    while (started_ > 0) {
        LoadedPlugin& plugin = *ordered_[--started_];
        // sdk::Plugin::stop() is noexcept: a plugin that throws from it ends
        // the process (std::terminate) before any catch here could run.
        plugin.instance->stop();
        log.information("plugin %s stopped", plugin.name);
    }
}

} // namespace motel::host
