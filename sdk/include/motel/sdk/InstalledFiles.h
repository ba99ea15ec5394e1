#pragma once
/// Where a plugin's installed files are (a built web front end, a document):
/// a setting such as `plugins.<name>.root` that is absolute, or relative to
/// the install prefix of the plugin's own library — the folder three levels
/// above `<prefix>/lib/motel/plugins/<name>.so`. The build tree mirrors the
/// install tree, so the same default finds `build/share/motel/<name>` next
/// to `build/lib/motel/plugins` too.
///
///   // the folder of `plugins.hello.root` (default share/motel/hello),
///   // refused with sdk::ConfigError unless it holds index.html:
///   const std::string root = motel::sdk::InstalledFiles::locate(
///       context.config(), "root", "share/motel/hello", {"index.html"}, "build the hello plugin with CMake");
///
/// Part of the kit (Motel::sdk_kit): compiled into each plugin, which is
/// what lets thisModuleFile() name the plugin's own library.

#include <motel/sdk/Settings.h>

#include <string>
#include <vector>

namespace motel::sdk {

class InstalledFiles {
public:
    /// `configured` when absolute, else made absolute against
    /// prefixOf(moduleFile).
    static std::string resolve(const std::string& configured, const std::string& moduleFile);
    /// resolve() against the library this code is linked into.
    static std::string resolve(const std::string& configured) { return resolve(configured, thisModuleFile()); }
    /// The folder setting `key` of `config` names (or `defaultValue`),
    /// resolved against this plugin's prefix. Throws sdk::ConfigError naming
    /// the full key, the folder and `remedy` when a `required` file is not
    /// in it.
    static std::string locate(const Settings& config, const std::string& key, const std::string& defaultValue,
                              const std::vector<std::string>& required, const std::string& remedy);
    /// The install prefix of a plugin library at `moduleFile`, ending in '/'.
    static std::string prefixOf(const std::string& moduleFile);
    /// The path of the shared object (or program) this code was loaded from;
    /// empty when the loader cannot tell.
    static std::string thisModuleFile();
};

} // namespace motel::sdk
