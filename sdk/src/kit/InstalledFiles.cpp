#include <motel/sdk/InstalledFiles.h>

#include <motel/sdk/Errors.h>

#include <Poco/File.h>
#include <Poco/Path.h>

#include <dlfcn.h>

namespace motel::sdk {

std::string InstalledFiles::resolve(const std::string& configured, const std::string& moduleFile) {
    const Poco::Path path(configured);
    if (path.isAbsolute()) return path.toString();
    return Poco::Path(Poco::Path(prefixOf(moduleFile)).makeDirectory(), path).toString();
}

std::string InstalledFiles::locate(const Settings& config, const std::string& key, const std::string& defaultValue,
                                   const std::vector<std::string>& required, const std::string& remedy) {
    const std::string root = resolve(config.getString(key, defaultValue));
    for (const auto& file : required) {
        if (!Poco::File(Poco::Path(Poco::Path(root).makeDirectory(), file)).exists())
            throw ConfigError(config.prefix() + key + ": no " + file + " in '" + root + "' (" + remedy +
                              ", or point the key at the built files)");
    }
    return root;
}

std::string InstalledFiles::prefixOf(const std::string& moduleFile) {
    Poco::Path path(moduleFile);
    path.makeAbsolute();
    for (int level = 0; level < 4; ++level) path.makeParent(); // plugins/, motel/, lib/, <prefix>/
    return path.toString();
}

std::string InstalledFiles::thisModuleFile() {
    // The kit is linked into each plugin with hidden symbols, so this
    // function's address lies in the plugin's own library.
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&InstalledFiles::thisModuleFile), &info) == 0 || !info.dli_fname) return {};
    return info.dli_fname;
}

} // namespace motel::sdk
