#pragma once
// Options for a host that loads the loader-test fixture plugins, each
// tracing its start/stop into one file.
#include "support/HostProcess.h"

#include <fstream>
#include <sstream>

namespace motel::test {

inline HostOptions fixtureHost(const std::vector<std::string>& plugins, const std::string& traceFile) {
    HostOptions options;
    options.plugins = plugins;
    options.properties["plugins.dir"] = MOTEL_FIXTURE_PLUGIN_DIR;
    for (const auto& name : plugins) options.properties["plugins." + name + ".trace"] = traceFile;
    return options;
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace motel::test
