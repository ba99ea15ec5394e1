#pragma once
// Starts a real motel-host (the one built in this tree) as a child process on
// a port the kernel picks (http.port = 0, read back from http.portFile) with
// a fresh database, waits until /health/live answers, and stops it (SIGTERM,
// then SIGKILL) when destroyed. Integration tests talk HTTP to it with
// request().

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/Process.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Poco::Net {
class HTTPClientSession;
}

namespace motel::test {

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers; ///< names lower-cased
    std::string body;
    /// The body parsed as JSON (throws on malformed JSON).
    Poco::Dynamic::Var json() const;
    /// The body parsed as a JSON object (throws when it is not one).
    Poco::JSON::Object::Ptr object() const;
    std::string header(const std::string& lowerCaseName) const;
};

/// One HTTP/1.1 request on `session` (kept alive between calls, so a test can
/// talk to one upstream through a proxy). A body gets a Content-Length.
HttpResult sendRequest(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& path,
                       const std::string& body = "", const std::map<std::string, std::string>& headers = {});
/// `Content-Type: application/json` when there is a body and, with a token,
/// `Authorization: Bearer <token>`.
std::map<std::string, std::string> jsonHeaders(const std::string& body, const std::string& token);

struct HostOptions {
    std::vector<std::string> plugins{"health"};     ///< plugins.load
    std::map<std::string, std::string> properties;  ///< extra properties written to the config file
    std::map<std::string, std::string> environment; ///< extra environment variables
    /// Empty: a fresh SQLite file in the host's temp dir. Otherwise a
    /// postgresql:// URL (see TestPostgres.h for a fresh database).
    std::string databaseUrl;
    std::string command = "serve";
};

class HostProcess {
public:
    explicit HostProcess(HostOptions options);
    ~HostProcess();
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    std::uint16_t port() const { return port_; }
    /// The motel-host process id (for /proc figures and signals).
    int pid() const;
    const std::string& workDir() const { return workDir_; }
    std::string logText() const; ///< everything the host printed so far
    /// Waits (the host logs asynchronously) until `text` appears in the log.
    bool waitForLog(const std::string& text, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

    HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {}) const;
    /// request() with `Content-Type: application/json` and, when `token` is
    /// not empty, `Authorization: Bearer <token>`.
    HttpResult json(const std::string& method, const std::string& path, const std::string& body = "",
                    const std::string& token = "") const;

    /// Sends SIGTERM and waits; returns the exit code.
    int stop();

    /// Runs `motel-host <args>` to completion with the same config file and
    /// database; returns exit code and fills `output` with stdout+stderr.
    static int runCommand(const HostOptions& options, const std::vector<std::string>& args, std::string& output);

private:
    HostOptions options_;
    std::string workDir_;
    std::string configPath_;
    std::string logPath_;
    std::uint16_t port_ = 0;
    std::unique_ptr<Poco::ProcessHandle> process_;
    bool running_ = false;
    std::optional<int> exitCode_; ///< set when the host exited while starting
};

/// A free TCP port on 127.0.0.1 (bound and released).
std::uint16_t freePort();

} // namespace motel::test
