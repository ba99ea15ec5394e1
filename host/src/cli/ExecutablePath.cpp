#include "cli/ExecutablePath.h"

#include <Poco/Environment.h>
#include <Poco/Path.h>

namespace motel::host {

ExecutablePath::ExecutablePath(const std::string& argv0, const std::string& workingDirectory) {
    Poco::Path found;
    if (argv0.find('/') != std::string::npos) {
        const Poco::Path given(argv0);
        if (given.isAbsolute()) {
            found = given;
        } else {
            found = Poco::Path(workingDirectory);
            found.append(given);
        }
    } else {
        if (!Poco::Path::find(Poco::Environment::get("PATH", ""), argv0, found))
            found = Poco::Path(Poco::Path(workingDirectory), argv0);
        found.makeAbsolute();
    }
    path_ = found.toString();
}

std::string ExecutablePath::baseName() const {
    return Poco::Path(path_).getBaseName();
}

std::string ExecutablePath::directory() const {
    return Poco::Path(path_).parent().toString();
}

} // namespace motel::host
