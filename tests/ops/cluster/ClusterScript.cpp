#include "ClusterScript.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <signal.h>
#include <unistd.h>

namespace motel::test {

namespace {

const std::string kScript = std::string(MOTEL_TEST_SOURCE_DIR) + "/scripts/cluster";
const std::string kRollingRestart = std::string(MOTEL_TEST_SOURCE_DIR) + "/scripts/rolling-restart";

int runScript(const std::vector<std::string>& args, const std::map<std::string, std::string>& environment,
              std::string& output, const std::string& script = kScript) {
    Poco::Pipe out;
    Poco::Process::Env env(environment.begin(), environment.end());
    Poco::ProcessHandle handle = Poco::Process::launch(script, args, nullptr, &out, &out, env);
    Poco::PipeInputStream stream(out);
    Poco::StreamCopier::copyToString(stream, output);
    return handle.wait();
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The process is not our child (the script started it in its own session),
// so it is gone when kill(0) fails or /proc says it is a zombie.
bool alive(int pid) {
    if (::kill(pid, 0) != 0) return false;
    const std::string status = readFile("/proc/" + std::to_string(pid) + "/status");
    return status.find("State:\tZ") == std::string::npos;
}

} // namespace

ClusterScript::ClusterScript(const std::vector<std::string>& arguments,
                             const std::map<std::string, std::string>& environment) {
    dir_ = Poco::Path::temp() + "motel-cluster-test-" + std::to_string(::getpid());
    Poco::File(dir_).createDirectories();
    std::vector<std::string> args{"up", dir_, "--build", MOTEL_TEST_BUILD_DIR};
    args.insert(args.end(), arguments.begin(), arguments.end());
    std::string output;
    if (runScript(args, environment, output) != 0) {
        std::string down;
        runScript({"down", dir_}, {}, down);
        throw std::runtime_error("scripts/cluster up failed:\n" + output);
    }
    std::istringstream lines(readFile(dir_ + "/cluster.env"));
    for (std::string line; std::getline(lines, line);) {
        const auto eq = line.find('=');
        if (eq != std::string::npos) env_[line.substr(0, eq)] = line.substr(eq + 1);
    }
}

ClusterScript::~ClusterScript() {
    // std::system, not Poco::Process: this may run while static objects are
    // destroyed at exit, when Poco's process machinery may already be gone.
    const std::string down = "'" + kScript + "' down '" + dir_ + "' >/dev/null 2>&1";
    if (std::system(down.c_str()) != 0) std::cerr << "scripts/cluster down " << dir_ << " failed" << std::endl;
    try {
        Poco::File(dir_).remove(true);
    } catch (...) {
    }
}

std::string ClusterScript::value(const std::string& key) const {
    const auto it = env_.find(key);
    if (it == env_.end()) throw std::runtime_error("cluster.env has no " + key);
    return it->second;
}

std::uint16_t ClusterScript::portOf(const std::string& url) {
    return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
}

int ClusterScript::hosts() const {
    return std::stoi(value("HOSTS"));
}
std::uint16_t ClusterScript::nginxPort() const {
    return portOf(value("NGINX_URL"));
}
std::uint16_t ClusterScript::hostPort(int number) const {
    return portOf(value("HOST_" + std::to_string(number) + "_URL"));
}
std::string ClusterScript::hostLog(int number) const {
    return readFile(value("HOST_" + std::to_string(number) + "_LOG"));
}
std::string ClusterScript::nginxAccessLog() const {
    return readFile(value("NGINX_ACCESS_LOG"));
}

int ClusterScript::rollingRestart(std::string& output, const std::vector<std::string>& arguments) {
    std::vector<std::string> args{dir_};
    args.insert(args.end(), arguments.begin(), arguments.end());
    const int code = runScript(args, {}, output, kRollingRestart);
    // The script started new hosts: their pids replace the old ones.
    std::istringstream lines(readFile(dir_ + "/cluster.env"));
    for (std::string line; std::getline(lines, line);) {
        const auto eq = line.find('=');
        if (eq != std::string::npos) env_[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return code;
}

bool ClusterScript::stopHost(int number) const {
    const int pid = std::stoi(value("HOST_" + std::to_string(number) + "_PID"));
    ::kill(pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (alive(pid)) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

} // namespace motel::test
