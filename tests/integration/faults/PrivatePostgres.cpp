#include "PrivatePostgres.h"

#include <Poco/File.h>
#include <Poco/String.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace motel::test {

namespace {
const std::string kScript = std::string(MOTEL_TEST_SOURCE_DIR) + "/scripts/test-services/postgres";

/// The cluster's owner runs pg_ctl: PostgreSQL refuses root.
std::string asOwner(const std::string& command) {
    if (::getuid() != 0) return command;
    return "runuser -u \"${MOTEL_TEST_PG_USER:-postgres}\" -- " + command;
}

std::string pgBin() {
    if (const char* bin = std::getenv("MOTEL_TEST_PG_BIN")) return bin;
    return "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)";
}
} // namespace

PrivatePostgres::PrivatePostgres() {
    static std::atomic<int> counter{0};
    // Under /tmp: the postgres OS user must be able to reach the folder.
    directory_ = "/tmp/motel-faults-pg-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    Poco::File(directory_).createDirectories();
    run(kScript + " start " + directory_ + " >/dev/null");
    std::ifstream in(directory_ + "/postgres.url");
    std::getline(in, baseUrl_);
    baseUrl_ = Poco::trim(baseUrl_);
    if (baseUrl_.empty()) throw std::runtime_error("the private PostgreSQL wrote no URL in " + directory_);
    port_ = baseUrl_.substr(baseUrl_.rfind(':') + 1);
    running_ = true;
    // The fixture script runs with synchronous_commit=off (fast, and fine for
    // a server nobody stops): here a commit must be durable when the client
    // hears about it, as in production, so restart with start()'s settings.
    stop();
    start();
}

PrivatePostgres::~PrivatePostgres() {
    try {
        if (running_) stop();
        run(kScript + " stop " + directory_ + " >/dev/null 2>&1");
        Poco::File(directory_).remove(true);
    } catch (...) {
    }
}

void PrivatePostgres::run(const std::string& command) const {
    const int code = std::system(("bash -c '" + Poco::replace(command, "'", "'\\''") + "'").c_str());
    if (code != 0) throw std::runtime_error("failed (" + std::to_string(code) + "): " + command);
}

std::string PrivatePostgres::freshDatabase() {
    const std::string name = "motel_fault_" + std::to_string(++databases_);
    run(pgBin() + "/psql -q -v ON_ERROR_STOP=1 \"" + baseUrl_ + "/postgres\" -c \"CREATE DATABASE " + name +
        "\" >/dev/null");
    return baseUrl_ + "/" + name;
}

void PrivatePostgres::stop() {
    if (!running_) return;
    running_ = false;
    run(asOwner(pgBin() + "/pg_ctl -D " + directory_ + "/postgres/data -m immediate -w -s stop"));
}

void PrivatePostgres::start() {
    if (running_) return;
    run(asOwner(pgBin() + "/pg_ctl -D " + directory_ + "/postgres/data -l " + directory_ +
                "/postgres/server.log -w -t 60 -s start -o \"-p " + port_ +
                " -c unix_socket_directories= -c listen_addresses=127.0.0.1 -c synchronous_commit=on"
                " -c fsync=off -c max_connections=300\""));
    running_ = true;
}

} // namespace motel::test
