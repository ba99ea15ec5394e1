#pragma once
// A redis-server of a test's own, for tests that stop and restart Redis or
// need a password; the shared fixture server must not be disturbed.

#include <Poco/Process.h>

#include <memory>
#include <string>
#include <vector>

namespace motel::test {

/// redis-server on a free 127.0.0.1 port with its state in a temporary
/// directory (removed at destruction). stop() sends SIGTERM to the pid it
/// started (Redis then writes its AOF and exits); start() again reuses the
/// port and the directory, so an `--appendonly yes` server comes back with
/// its data.
class RedisServerProcess {
public:
    /// `extraArgs`: e.g. {"--appendonly", "yes"} or {"--requirepass", "..."}.
    explicit RedisServerProcess(std::vector<std::string> extraArgs = {});
    ~RedisServerProcess();

    RedisServerProcess(const RedisServerProcess&) = delete;
    RedisServerProcess& operator=(const RedisServerProcess&) = delete;

    /// Starts and waits until the port accepts connections; throws otherwise.
    void start();
    /// SIGTERM, then waits for the process to exit. Harmless when stopped.
    void stop();

    int port() const { return port_; }
    /// redis://127.0.0.1:PORT
    std::string url() const;
    const std::string& directory() const { return directory_; }

private:
    std::vector<std::string> extraArgs_;
    std::string directory_;
    int port_ = 0;
    std::unique_ptr<Poco::ProcessHandle> process_;
};

} // namespace motel::test
