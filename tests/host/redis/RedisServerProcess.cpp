#include "RedisServerProcess.h"

#include "support/HostProcess.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <chrono>
#include <csignal>
#include <stdexcept>
#include <thread>

namespace motel::test {

namespace {

std::string redisServerBinary() {
    if (Poco::Environment::has("MOTEL_TEST_REDIS_SERVER")) return Poco::Environment::get("MOTEL_TEST_REDIS_SERVER");
    Poco::Path found;
    if (Poco::Path::find(Poco::Environment::get("PATH", "/usr/bin"), "redis-server", found)) return found.toString();
    return "/usr/bin/redis-server";
}

bool accepts(int port) {
    try {
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace

RedisServerProcess::RedisServerProcess(std::vector<std::string> extraArgs) : _extraArgs(std::move(extraArgs)) {
    _directory = Poco::TemporaryFile::tempName();
    Poco::File(_directory).createDirectories();
    _port = freePort();
}

RedisServerProcess::~RedisServerProcess() {
    stop();
    try {
        Poco::File(_directory).remove(true);
    } catch (...) {
        // a leftover temp directory is harmless
    }
}

void RedisServerProcess::start() {
    if (_process) return;
    std::vector<std::string> args{"--port",      std::to_string(_port),
                                  "--bind",      "127.0.0.1",
                                  "--dir",       _directory,
                                  "--save",      "",
                                  "--daemonize", "no",
                                  "--logfile",   _directory + "/redis.log"};
    args.insert(args.end(), _extraArgs.begin(), _extraArgs.end());
    _process = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(redisServerBinary(), args));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts(_port)) {
        if (std::chrono::steady_clock::now() > deadline) {
            stop();
            throw std::runtime_error("redis-server did not start on port " + std::to_string(_port) + "; see " +
                                     _directory + "/redis.log");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void RedisServerProcess::stop() {
    if (!_process) return;
    ::kill(_process->id(), SIGTERM);
    _process->wait();
    _process.reset();
}

std::string RedisServerProcess::url() const {
    return "redis://127.0.0.1:" + std::to_string(_port);
}

} // namespace motel::test
