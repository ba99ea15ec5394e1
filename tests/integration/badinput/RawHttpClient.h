#pragma once
// A deliberately dumb HTTP client for the bad-input suites: it writes exactly
// the bytes it is given (malformed request lines, lying lengths, a header a
// byte at a time) on a plain TCP socket and reads back whatever the host
// answers, so the test sees the wire, not what a well-behaved client library
// would have repaired or refused to send.

#include "support/HostProcess.h"

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace motel::test {

class RawHttpClient {
public:
    explicit RawHttpClient(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(10));

    /// Sends `bytes` as they are (ignores a peer that already closed).
    void send(const std::string& bytes);
    /// Reads one response (status line, headers, Content-Length or chunked
    /// body, or everything up to close). status 0 when the host closed the
    /// connection without answering.
    HttpResult readResponse();
    /// True when the host closed the connection (reads EOF within `wait`).
    bool closedByPeer(std::chrono::milliseconds wait);

    /// One request on a fresh connection: send, then read the answer.
    static HttpResult exchange(std::uint16_t port, const std::string& bytes);

private:
    Poco::Net::StreamSocket socket_;
    std::string buffered_; ///< bytes read past the previous response

    bool fill(); ///< reads more into buffered_; false on EOF or error
};

} // namespace motel::test
