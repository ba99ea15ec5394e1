#include "plugins/PluginLoader.h"
#include "plugins/AbiCheck.h"
#include "services/ExceptionText.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/SharedLibrary.h>

#include <algorithm>

namespace motel::host {

namespace {
const char* const kStampSymbol = "motel_plugin_abi";
const char* const kSuffix = ".so";

PluginLoadError failure(const std::string& name, const std::string& reason) {
    return PluginLoadError("plugin '" + name + "': " + reason);
}
} // namespace

PluginLoader::PluginLoader(std::string directory) : directory_(std::move(directory)) {}

PluginLoader::~PluginLoader() { destroyInstances(); }

void PluginLoader::destroyInstances() noexcept {
    // Newest first, mirroring construction. Destructors are noexcept, so a
    // plugin's cannot throw into this loop (it would end the process).
    for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) (*it)->instance.reset();
}

std::string PluginLoader::pathFor(const std::string& name) const {
    return Poco::Path(Poco::Path(directory_).makeDirectory(), name + kSuffix).toString();
}

std::vector<std::string> PluginLoader::available() const {
    std::vector<std::string> names;
    if (!Poco::File(directory_).exists()) return names;
    for (Poco::DirectoryIterator it(directory_), end; it != end; ++it) {
        const std::string file = it.name();
        if (file.size() > 3 && file.compare(file.size() - 3, 3, kSuffix) == 0 && it->isFile())
            names.push_back(file.substr(0, file.size() - 3));
    }
    std::sort(names.begin(), names.end());
    return names;
}

sdk::AbiStamp PluginLoader::readStamp(const std::string& name, const std::string& path) {
    try {
        Poco::SharedLibrary library(path);
        if (!library.hasSymbol(kStampSymbol)) {
            library.unload();
            throw failure(name, "no ABI stamp (" + std::string(kStampSymbol) +
                                    ") in " + path + " — not built with MOTEL_PLUGIN()");
        }
        const auto stamp = *static_cast<const sdk::AbiStamp*>(library.getSymbol(kStampSymbol));
        library.unload();
        return stamp;
    } catch (const PluginLoadError&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw failure(name, "cannot be opened: " + e.displayText());
    }
}

std::unique_ptr<sdk::Plugin> PluginLoader::instantiate(const std::string& name, const std::string& path) {
    try {
        classLoader_.loadLibrary(path);
        const auto* manifest = classLoader_.findManifest(path);
        if (!manifest || manifest->begin() == manifest->end())
            throw failure(name, "exports no plugin class (use MOTEL_PLUGIN(YourPlugin) once)");
        if (manifest->size() != 1) throw failure(name, "exports more than one plugin class");
        return std::unique_ptr<sdk::Plugin>(manifest->begin()->create());
    } catch (const PluginLoadError&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw failure(name, "cannot be loaded: " + e.displayText());
    } catch (...) {
        throw failure(name, "constructor threw: " + describeCurrentException());
    }
}

LoadedPlugin& PluginLoader::load(const std::string& name) {
    for (auto& loaded : plugins_)
        if (loaded->name == name) return *loaded;

    const std::string path = pathFor(name);
    if (!Poco::File(path).exists()) throw failure(name, "not found (looked for " + path + ")");

    auto loaded = std::make_unique<LoadedPlugin>();
    loaded->name = name;
    loaded->path = path;
    loaded->stamp = readStamp(name, path);
    const auto problems = AbiCheck::mismatches(sdk::currentAbiStamp(), loaded->stamp);
    if (!problems.empty()) throw failure(name, "incompatible ABI: " + AbiCheck::describe(problems));

    loaded->instance = instantiate(name, path);
    try {
        loaded->info = loaded->instance->info();
    } catch (...) {
        throw failure(name, "info() threw: " + describeCurrentException());
    }
    if (loaded->info.name != name)
        throw failure(name, "the library calls itself '" + loaded->info.name + "'; file and plugin names must match");
    plugins_.push_back(std::move(loaded));
    return *plugins_.back();
}

} // namespace motel::host
