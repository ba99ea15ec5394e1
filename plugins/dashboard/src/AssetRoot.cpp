#include "AssetRoot.h"

#include <Poco/Path.h>

#include <dlfcn.h>

namespace motel::dashboard {

std::string AssetRoot::resolve(const sdk::Settings& config, const std::string& moduleFile) {
    const Poco::Path configured(config.getString("root", kDefault));
    if (configured.isAbsolute()) return configured.toString();
    return Poco::Path(Poco::Path(prefixOf(moduleFile)).makeDirectory(), configured).toString();
}

std::string AssetRoot::prefixOf(const std::string& moduleFile) {
    Poco::Path path(moduleFile);
    path.makeAbsolute();
    path.makeParent(); // plugins/
    path.makeParent(); // motel/
    path.makeParent(); // lib/
    path.makeParent(); // <prefix>/
    return path.toString();
}

std::string AssetRoot::thisModuleFile() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&AssetRoot::thisModuleFile), &info) == 0 || !info.dli_fname) return {};
    return info.dli_fname;
}

} // namespace motel::dashboard
