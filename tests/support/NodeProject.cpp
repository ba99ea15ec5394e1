#include "support/NodeProject.h"

#include <Poco/File.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace motel::test {

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void copyIfChanged(const std::string& from, const std::string& to) {
    const std::string content = readFile(from);
    if (readFile(to) == content) return;
    std::ofstream(to, std::ios::binary) << content;
}

int runCaptured(const std::string& command, const std::vector<std::string>& args, const std::string& directory,
                std::string& output) {
    Poco::Pipe out;
    Poco::ProcessHandle handle = Poco::Process::launch(command, args, directory, nullptr, &out, &out);
    Poco::PipeInputStream stream(out);
    Poco::StreamCopier::copyToString(stream, output);
    return handle.wait();
}

} // namespace

NodeProject::NodeProject(const std::string& sourceDir, const std::string& installDir, std::vector<std::string> files,
                         std::string markerPackage)
    : sourceDir_(std::string(MOTEL_TEST_SOURCE_DIR) + "/" + sourceDir),
      installDir_(std::string(MOTEL_TEST_BUILD_DIR) + "/" + installDir), files_(std::move(files)),
      markerPackage_(std::move(markerPackage)) {}

void NodeProject::ensureInstalled() const {
    static std::mutex mutex; // one npm at a time per test process
    std::lock_guard<std::mutex> guard(mutex);
    Poco::File(installDir_).createDirectories();
    const bool fresh = readFile(installDir_ + "/package-lock.json") == readFile(sourceDir_ + "/package-lock.json") &&
                       Poco::File(installDir_ + "/node_modules/" + markerPackage_ + "/package.json").exists();
    std::vector<std::string> names{"package.json", "package-lock.json"};
    names.insert(names.end(), files_.begin(), files_.end());
    for (const auto& name : names) copyIfChanged(sourceDir_ + "/" + name, installDir_ + "/" + name);
    if (fresh) return;
    std::string output;
    if (runCaptured("npm", {"ci", "--no-audit", "--no-fund", "--loglevel=error"}, installDir_, output) != 0)
        throw std::runtime_error("npm ci failed in " + installDir_ + ":\n" + output);
}

int NodeProject::run(const std::vector<std::string>& args, std::string& output) const {
    ensureInstalled();
    return runCaptured("node", args, installDir_, output);
}

} // namespace motel::test
