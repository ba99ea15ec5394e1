#pragma once
// A small Node.js project of the tests (package.json, its package-lock.json
// and the scripts the tests run) kept in the source tree and installed into
// the build tree with `npm ci`, once per lockfile change, so that the
// official JS packages (socket.io-client, playwright-core) run pinned and the
// source tree never gets a node_modules folder.

#include <string>
#include <vector>

namespace motel::test {

class NodeProject {
public:
    /// `sourceDir` relative to the repository, `installDir` relative to the
    /// build tree; `files` are copied beside package.json (the scripts), and
    /// `markerPackage` is a package whose presence says an install finished.
    NodeProject(const std::string& sourceDir, const std::string& installDir, std::vector<std::string> files,
                std::string markerPackage);

    /// Copies changed files and runs `npm ci` when the lockfile changed or the
    /// install is missing; throws std::runtime_error with npm's output when
    /// that fails. Safe to call from several threads.
    void ensureInstalled() const;
    /// ensureInstalled(), then `node <args>` in the install folder; returns
    /// its exit code and fills `output` with what it printed.
    int run(const std::vector<std::string>& args, std::string& output) const;
    const std::string& installDir() const { return installDir_; }

private:
    std::string sourceDir_;
    std::string installDir_;
    std::vector<std::string> files_;
    std::string markerPackage_;
};

} // namespace motel::test
