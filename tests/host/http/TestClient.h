#pragma once
// A raw blocking TCP client for the HTTP server tests: sends exact bytes
// (half requests, pipelined batches, malformed heads) and parses responses
// one at a time. Every read has a timeout so a broken server fails a test
// instead of hanging it.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace motel::test {

struct RawResponse {
    int status = 0;
    std::map<std::string, std::string> headers; ///< names lower-cased
    std::string body;
    std::string header(const std::string& lowerName) const;
};

class TestClient {
public:
    explicit TestClient(std::uint16_t port, std::chrono::milliseconds readTimeout = std::chrono::seconds(10));
    ~TestClient();
    TestClient(const TestClient&) = delete;
    TestClient& operator=(const TestClient&) = delete;

    void send(const std::string& bytes);
    /// Reads one response (Content-Length framed, or up to EOF without one;
    /// no body for HEAD/1xx/204/304). Throws on timeout or early EOF.
    RawResponse readResponse(bool headRequest = false);
    /// Reads exactly `count` bytes (after any already buffered).
    std::string readExactly(std::size_t count);
    /// True when the server closed the connection (EOF or reset) before
    /// `timeout`; false when it is still open (or sent more data).
    bool closedByPeer(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// True when response bytes are waiting (or arrive within `timeout`).
    bool readable(std::chrono::milliseconds timeout = std::chrono::milliseconds(0));
    int fd() const { return fd_; }

private:
    bool fill(); ///< false on EOF
    int fd_ = -1;
    std::string buffer_;
};

} // namespace motel::test
