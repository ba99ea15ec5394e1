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

RedisServerProcess::RedisServerProcess(std::vector<std::string> extraArgs) : extraArgs_(std::move(extraArgs)) {
    directory_ = Poco::TemporaryFile::tempName();
    Poco::File(directory_).createDirectories();
    port_ = freePort();
}

RedisServerProcess::~RedisServerProcess() {
    stop();
    try {
        Poco::File(directory_).remove(true);
    } catch (...) {
        // a leftover temp directory is harmless
    }
}

void RedisServerProcess::start() {
    if (process_) return;
    std::vector<std::string> args{"--port",      std::to_string(port_),
                                  "--bind",      "127.0.0.1",
                                  "--dir",       directory_,
                                  "--save",      "",
                                  "--daemonize", "no",
                                  "--logfile",   directory_ + "/redis.log"};
    args.insert(args.end(), extraArgs_.begin(), extraArgs_.end());
    process_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(redisServerBinary(), args));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts(port_)) {
        if (std::chrono::steady_clock::now() > deadline) {
            stop();
            throw std::runtime_error("redis-server did not start on port " + std::to_string(port_) + "; see " +
                                     directory_ + "/redis.log");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void RedisServerProcess::stop() {
    if (!process_) return;
    ::kill(process_->id(), SIGTERM);
    process_->wait();
    process_.reset();
}

std::string RedisServerProcess::url() const {
    return "redis://127.0.0.1:" + std::to_string(port_);
}

} // namespace motel::test
