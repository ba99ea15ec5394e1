#pragma once
// Where the running motel-host binary is, found from argv[0] as it always
// was (not through /proc/self/exe, so a symlinked binary keeps its
// symlink's prefix): a name with a `/` is taken relative to the working
// directory at start, a bare name is looked up on PATH. The host finds its
// default configuration (<prefix>/etc/motel/motel.properties) from it.

#include <string>

namespace motel::host {

class ExecutablePath {
public:
    /// `argv0` as given; `workingDirectory` the directory at start.
    ExecutablePath(const std::string& argv0, const std::string& workingDirectory);

    /// e.g. "/opt/motel/bin/motel-host"
    const std::string& path() const { return path_; }
    /// e.g. "motel-host" (the file name without its extension)
    std::string baseName() const;
    /// e.g. "/opt/motel/bin/"
    std::string directory() const;

private:
    std::string path_;
};

} // namespace motel::host
