#include "support/HostProcess.h"

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Thread.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <signal.h>
#include <sys/wait.h>

namespace motel::test {

namespace {
std::atomic<int> counter{0};

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
    return out;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Writes the config for `options` into `dir`; returns its path.
std::string writeConfig(const HostOptions& options, const std::string& dir, const std::string& portFile) {
    const std::string path = dir + "/motel.properties";
    std::ofstream out(path);
    out << "motel.env = development\n"
        << "http.host = 127.0.0.1\n"
        << "http.port = 0\n"
        << "http.portFile = " << portFile << "\n"
        << "plugins.dir = " << MOTEL_TEST_PLUGIN_DIR << "\n"
        << "plugins.load = " << join(options.plugins) << "\n"
        << "db.url = " << (options.databaseUrl.empty() ? "sqlite:" + dir + "/motel.db" : options.databaseUrl) << "\n"
        << "jwt.secret = integration-test-secret-integration-test-secret-integration-test-0001\n"
        // Tests open hundreds of connections from 127.0.0.1 and many sockets
        // as one user; the caps have their own tests, which set them (a key
        // given in `properties` comes later and wins).
        << "http.maxConnectionsPerAddress = 0\n"
        << "plugins.realtime.maxSocketsPerUser = 0\n";
    for (const auto& [key, value] : options.properties) out << key << " = " << value << "\n";
    return path;
}

// Poco's isRunning() calls a child that exited but was not reaped "running";
// waitpid() tells the truth and reaps it. Returns the exit code once exited.
std::optional<int> exitCodeIfExited(int pid) {
    int status = 0;
    const int result = ::waitpid(pid, &status, WNOHANG);
    if (result == 0) return std::nullopt;
    if (result < 0) return -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

// The port the host wrote to its port file, once it has.
std::optional<std::uint16_t> readPort(const std::string& portFile) {
    std::ifstream in(portFile);
    unsigned port = 0;
    if (in >> port && port > 0 && port <= 65535) return static_cast<std::uint16_t>(port);
    return std::nullopt;
}

Poco::Process::Env environmentFor(const HostOptions& options) {
    Poco::Process::Env env;
    for (const auto& [k, v] : options.environment) env[k] = v;
    return env;
}
} // namespace

std::uint16_t freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    const auto port = socket.address().port();
    socket.close();
    return port;
}

Poco::Dynamic::Var HttpResult::json() const {
    return Poco::JSON::Parser().parse(body);
}

Poco::JSON::Object::Ptr HttpResult::object() const {
    return json().extract<Poco::JSON::Object::Ptr>();
}

HttpResult sendRequest(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& path,
                       const std::string& body, const std::map<std::string, std::string>& headers) {
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) request.set(k, v);
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT")
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpResult result;
    result.status = static_cast<int>(response.getStatus());
    for (const auto& [k, v] : response) result.headers[Poco::toLower(k)] = v;
    Poco::StreamCopier::copyToString(in, result.body);
    return result;
}

std::map<std::string, std::string> jsonHeaders(const std::string& body, const std::string& token) {
    std::map<std::string, std::string> headers;
    if (!body.empty()) headers["Content-Type"] = "application/json";
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return headers;
}

std::string HttpResult::header(const std::string& lowerCaseName) const {
    auto it = headers.find(lowerCaseName);
    return it == headers.end() ? std::string() : it->second;
}

HostProcess::HostProcess(HostOptions options) : options_(std::move(options)) {
    workDir_ = Poco::Path::temp() + "motel-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    Poco::File(workDir_).createDirectories();
    logPath_ = workDir_ + "/host.log";
    // The host binds port 0 and writes the port the kernel gave it to this
    // file (a test that sets http.port itself keeps that port): no window in
    // which another test's host could take the port, and the readiness probe
    // below can only reach this host.
    const std::string portFile = workDir_ + "/http.port";
    configPath_ = writeConfig(options_, workDir_, portFile);
    // The shell redirect keeps the child's output in a file we can read at
    // any time, without a pipe that could fill up and block the host.
    std::vector<std::string> args{"-c",
                                  "exec \"$0\" --config=\"$1\" \"$2\" >>\"$3\" 2>&1",
                                  MOTEL_TEST_HOST_BINARY,
                                  configPath_,
                                  options_.command,
                                  logPath_};
    process_ = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch("/bin/sh", args, workDir_, nullptr, nullptr, nullptr, environmentFor(options_)));
    // Any HTTP answer means it serves (a host without the health plugin
    // answers /health/live with 404).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        if (auto code = exitCodeIfExited(process_->id())) {
            exitCode_ = *code;
            break;
        }
        if (port_ == 0) {
            if (auto port = readPort(portFile)) port_ = *port;
        }
        if (port_ != 0) {
            try {
                if (request("GET", "/health/live").status > 0) {
                    running_ = true;
                    break;
                }
            } catch (...) {
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (!running_ && !exitCode_) {
        ::kill(process_->id(), SIGKILL);
        ::waitpid(process_->id(), nullptr, 0);
    }
    if (!running_) throw std::runtime_error("motel-host did not start; its output:\n" + logText());
}

HostProcess::~HostProcess() {
    try {
        stop();
    } catch (...) {
    }
    try {
        Poco::File(workDir_).remove(true);
    } catch (...) {
    }
}

std::string HostProcess::logText() const {
    return readFile(logPath_);
}

bool HostProcess::waitForLog(const std::string& text, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
        if (logText().find(text) != std::string::npos) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
}

int HostProcess::stop() {
    if (!process_ || !running_) return -1;
    running_ = false;
    const int pid = process_->id();
    ::kill(pid, SIGTERM);
    for (int i = 0; i < 400; ++i) {
        if (auto code = exitCodeIfExited(pid)) return *code;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return 128 + SIGKILL;
}

int HostProcess::pid() const {
    return process_ ? static_cast<int>(process_->id()) : -1;
}

HttpResult HostProcess::request(const std::string& method, const std::string& path, const std::string& body,
                                const std::map<std::string, std::string>& headers) const {
    Poco::Net::HTTPClientSession session("127.0.0.1", port_);
    session.setTimeout(Poco::Timespan(30, 0));
    return sendRequest(session, method, path, body, headers);
}

HttpResult HostProcess::json(const std::string& method, const std::string& path, const std::string& body,
                             const std::string& token) const {
    return request(method, path, body, jsonHeaders(body, token));
}

int HostProcess::runCommand(const HostOptions& options, const std::vector<std::string>& args, std::string& output) {
    const std::string dir =
        Poco::Path::temp() + "motel-cmd-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    Poco::File(dir).createDirectories();
    const std::string config = writeConfig(options, dir, dir + "/http.port");
    const std::string logPath = dir + "/out.log";
    std::string script = "exec \"$0\" --config=\"$1\"";
    std::vector<std::string> argv{"-c", "", MOTEL_TEST_HOST_BINARY, config};
    for (std::size_t i = 0; i < args.size(); ++i) {
        script += " \"$" + std::to_string(i + 2) + "\"";
        argv.push_back(args[i]);
    }
    script += " >\"$" + std::to_string(args.size() + 2) + "\" 2>&1";
    argv.push_back(logPath);
    argv[1] = script;
    Poco::ProcessHandle handle =
        Poco::Process::launch("/bin/sh", argv, dir, nullptr, nullptr, nullptr, environmentFor(options));
    const int code = handle.wait();
    output = readFile(logPath);
    try {
        Poco::File(dir).remove(true);
    } catch (...) {
    }
    return code;
}

} // namespace motel::test
