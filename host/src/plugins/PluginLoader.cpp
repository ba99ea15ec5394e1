#include "plugins/PluginLoader.h"
#include "plugins/AbiCheck.h"
#include "plugins/ElfStampReader.h"
#include "services/ExceptionText.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>

namespace motel::host {

namespace {
const char* const kSuffix = ".so";

PluginLoadError failure(const std::string& name, const std::string& reason) {
    return PluginLoadError("plugin '" + name + "': " + reason);
}
} // namespace

PluginLoader::PluginLoader(std::vector<std::string> directories) : directories_(std::move(directories)) {}

PluginLoader::~PluginLoader() {
    destroyInstances();
}

void PluginLoader::destroyInstances() noexcept {
    // Newest first, mirroring construction. Destructors are noexcept, so a
    // plugin's cannot throw into this loop (it would end the process).
    for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) (*it)->instance.reset();
}

std::vector<std::string> PluginLoader::pathsFor(const std::string& name) const {
    std::vector<std::string> paths;
    for (const auto& directory : directories_) {
        const std::string path = Poco::Path(Poco::Path(directory).makeDirectory(), name + kSuffix).toString();
        if (Poco::File(path).exists() && Poco::File(path).isFile() &&
            std::find(paths.begin(), paths.end(), path) == paths.end())
            paths.push_back(path);
    }
    return paths;
}

std::vector<std::string> PluginLoader::available() const {
    std::vector<std::string> names;
    for (const auto& directory : directories_) {
        if (!Poco::File(directory).exists()) continue;
        for (Poco::DirectoryIterator it(directory), end; it != end; ++it) {
            const std::string file = it.name();
            if (file.size() > 3 && file.compare(file.size() - 3, 3, kSuffix) == 0 && it->isFile())
                names.push_back(file.substr(0, file.size() - 3));
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

sdk::AbiStamp PluginLoader::readStamp(const std::string& name, const std::string& path) {
    try {
        return ElfStampReader::read(path);
    } catch (const StampUnreadable& e) {
        throw failure(name, e.what());
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

    const auto paths = pathsFor(name);
    if (paths.empty()) {
        std::string looked;
        for (const auto& directory : directories_)
            looked += (looked.empty() ? "" : ", ") +
                      Poco::Path(Poco::Path(directory).makeDirectory(), name + kSuffix).toString();
        throw failure(name, "not found (looked for " + looked + ")");
    }
    if (paths.size() > 1) {
        std::string both;
        for (const auto& path : paths) both += (both.empty() ? "" : " and ") + path;
        throw failure(name, "found in more than one plugin folder: " + both +
                                " (remove one, or take its folder out of plugins.dir / MOTEL_PLUGIN_PATH)");
    }
    const std::string& path = paths.front();

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
