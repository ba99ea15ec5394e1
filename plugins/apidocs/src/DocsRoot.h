#pragma once
/// Where the built reference is: `plugins.apidocs.root`, absolute or relative
/// to the install prefix, which is the folder three levels above this
/// plugin's own file (`<prefix>/lib/motel/plugins/apidocs.so`); the build
/// tree mirrors the install tree, so the default finds
/// `build/share/motel/apidocs` too.
///
/// The dashboard locates its files by the same rule (its AssetRoot); plugins
/// stand alone, so each carries it until the SDK offers it.

#include <string>

namespace motel::apidocs {

class DocsRoot {
public:
    /// `configured` made absolute against the prefix of `moduleFile`.
    static std::string resolve(const std::string& configured, const std::string& moduleFile);
    /// The path of the shared object this code was loaded from.
    static std::string thisModuleFile();
};

} // namespace motel::apidocs
