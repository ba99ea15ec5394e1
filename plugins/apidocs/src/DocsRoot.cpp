#include "DocsRoot.h"

#include <Poco/Path.h>

#include <dlfcn.h>

namespace motel::apidocs {

std::string DocsRoot::resolve(const std::string& configured, const std::string& moduleFile) {
    const Poco::Path path(configured);
    if (path.isAbsolute()) return path.toString();
    Poco::Path prefix(moduleFile);
    prefix.makeAbsolute();
    for (int level = 0; level < 4; ++level) prefix.makeParent(); // plugins/, motel/, lib/, <prefix>/
    return Poco::Path(prefix, path).toString();
}

std::string DocsRoot::thisModuleFile() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&DocsRoot::thisModuleFile), &info) == 0 || !info.dli_fname) return {};
    return info.dli_fname;
}

} // namespace motel::apidocs
