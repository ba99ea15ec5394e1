#include "NodeClient.h"

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
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

const std::string kSourceDir = std::string(MOTEL_TEST_SOURCE_DIR) + "/tests/integration/realtime/client";
const std::string kInstallDir = std::string(MOTEL_TEST_BUILD_DIR) + "/tests/realtime-client";

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void copyIfChanged(const std::string& name) {
    const std::string content = readFile(kSourceDir + "/" + name);
    if (readFile(kInstallDir + "/" + name) == content) return;
    std::ofstream(kInstallDir + "/" + name, std::ios::binary) << content;
}

int runCaptured(const std::string& command, const std::vector<std::string>& args, std::string& output) {
    Poco::Pipe out;
    Poco::ProcessHandle handle = Poco::Process::launch(command, args, kInstallDir, nullptr, &out, &out);
    Poco::PipeInputStream stream(out);
    Poco::StreamCopier::copyToString(stream, output);
    return handle.wait();
}

} // namespace

void NodeClient::ensureInstalled() {
    static std::mutex mutex;
    std::lock_guard<std::mutex> guard(mutex);
    Poco::File(kInstallDir).createDirectories();
    const std::string lockfile = readFile(kSourceDir + "/package-lock.json");
    const bool fresh = readFile(kInstallDir + "/package-lock.json") == lockfile &&
                       Poco::File(kInstallDir + "/node_modules/socket.io-client/package.json").exists();
    copyIfChanged("package.json");
    copyIfChanged("package-lock.json");
    copyIfChanged("scenarios.cjs");
    if (fresh) return;
    std::string output;
    if (runCaptured("npm", {"ci", "--no-audit", "--no-fund", "--loglevel=error"}, output) != 0) {
        throw std::runtime_error("npm ci failed in " + kInstallDir + ":\n" + output);
    }
}

ScenarioResult NodeClient::run(const std::string& name, const std::string& optionsJson) {
    ensureInstalled();
    ScenarioResult result;
    result.exitCode = runCaptured("node", {"scenarios.cjs", name, optionsJson}, result.output);
    const auto start = result.output.rfind("\n{", result.output.size() > 1 ? result.output.size() - 2 : 0);
    const std::string line = result.output.substr(start == std::string::npos ? 0 : start + 1);
    try {
        result.result = Poco::JSON::Parser().parse(line);
    } catch (...) {
        result.result.clear();
    }
    return result;
}

} // namespace motel::test
