#pragma once
// A PostgreSQL server of a test's own, for fault tests that stop the
// database under a running host. The shared CTest fixture server must never
// be stopped (other suites use it at the same time), so this one is started
// with scripts/test-services/postgres in a folder of its own; stop() shuts
// it down keeping its data, start() brings it back on the same port, and
// the destructor removes it all.

#include <string>

namespace motel::test {

class PrivatePostgres {
public:
    /// Starts a fresh cluster; throws std::runtime_error when it cannot.
    PrivatePostgres();
    ~PrivatePostgres();
    PrivatePostgres(const PrivatePostgres&) = delete;
    PrivatePostgres& operator=(const PrivatePostgres&) = delete;

    /// Creates an empty database and returns its postgresql:// URL.
    std::string freshDatabase();
    /// Immediate shutdown (what a crash or `systemctl stop` looks like to
    /// clients); the data stays.
    void stop();
    /// Starts the stopped server again on its port and waits until it accepts.
    void start();

private:
    std::string directory_;
    std::string baseUrl_; ///< postgresql://user:password@127.0.0.1:PORT
    std::string port_;
    bool running_ = false;
    int databases_ = 0;

    void run(const std::string& command) const; ///< a shell command; throws on failure
};

} // namespace motel::test
