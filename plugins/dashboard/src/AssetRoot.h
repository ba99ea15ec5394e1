#pragma once
/// Where the dashboard's built files are. `plugins.dashboard.root` may name
/// the folder; relative values (and the default `share/motel/dashboard`) are
/// resolved against the install prefix, which is the folder three levels
/// above the plugin's own file (`<prefix>/lib/motel/plugins/dashboard.so`).
/// The build tree mirrors the install tree, so the same default finds
/// `build/share/motel/dashboard` next to `build/lib/motel/plugins`.

#include <motel/sdk/Settings.h>

#include <string>

namespace motel::dashboard {

class AssetRoot {
public:
    static constexpr const char* kDefault = "share/motel/dashboard";

    /// The absolute asset folder for `config` (the plugin's own settings).
    static std::string resolve(const sdk::Settings& config, const std::string& moduleFile);
    /// The install prefix of a plugin library at `moduleFile`.
    static std::string prefixOf(const std::string& moduleFile);
    /// The path of the shared object this code was loaded from.
    static std::string thisModuleFile();
};

} // namespace motel::dashboard
