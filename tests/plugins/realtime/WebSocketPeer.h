#pragma once
// The client end of a socketpair whose other end the realtime plugin adopts
// as a WebSocket: sends masked frames and reads the server's frames with a
// timeout, so tests can drive WebSocketConnection and EngineSession without
// the host.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace motel::realtime::test {

class WebSocketPeer {
public:
    struct Frame {
        std::uint8_t opcode = 0;
        std::string payload;
    };

    WebSocketPeer(); ///< creates the pair; serverFd() is for the plugin
    ~WebSocketPeer();

    /// The server end (non-blocking); ownership passes to whoever adopts it.
    int takeServerFd();

    /// A masked frame with `opcode` (1 text, 2 binary, 8 close, 9 ping).
    void send(std::uint8_t opcode, const std::string& payload, bool fin = true);
    void sendText(const std::string& text) { send(1, text); }
    void sendBinary(const std::string& bytes) { send(2, bytes); }
    /// Raw bytes (for split or broken frames).
    void sendRaw(const std::string& bytes);
    static std::string maskedFrame(std::uint8_t opcode, const std::string& payload, bool fin = true);

    /// The next frame, or nullopt when none came within `timeout`.
    std::optional<Frame> read(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
    /// The next text frame that is not a ping ("2"), or empty on timeout.
    std::string readTextSkippingPings(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
    /// True when the server closed the TCP connection within `timeout` (frames before that are skipped).
    bool waitForEof(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
    /// Stops reading: lets the server's send buffer fill up.
    void closeClient();

private:
    bool fill(std::chrono::steady_clock::time_point deadline);
    int client_ = -1;
    int server_ = -1;
    std::string buffer_;
    bool eof_ = false;
};

} // namespace motel::realtime::test
