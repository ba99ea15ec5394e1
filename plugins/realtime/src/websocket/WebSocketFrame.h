#pragma once
/// RFC 6455 frames as a server writes them (never masked, never
/// fragmented) and the close codes this plugin uses.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace motel::realtime {

enum class WebSocketOpcode : std::uint8_t {
    continuation = 0x0,
    text = 0x1,
    binary = 0x2,
    close = 0x8,
    ping = 0x9,
    pong = 0xA
};

namespace closecode {
constexpr std::uint16_t normal = 1000;
constexpr std::uint16_t goingAway = 1001;
constexpr std::uint16_t protocolError = 1002;
constexpr std::uint16_t invalidPayload = 1007; ///< e.g. a text message that is not UTF-8
constexpr std::uint16_t tooBig = 1009;
} // namespace closecode

/// A peer that broke the framing rules; `code` is the close code to answer.
class WebSocketProtocolError : public std::runtime_error {
public:
    WebSocketProtocolError(std::uint16_t code, const std::string& what) : std::runtime_error(what), code_(code) {}
    std::uint16_t code() const { return code_; }

private:
    std::uint16_t code_;
};

class WebSocketFrame {
public:
    /// One complete, final, unmasked frame carrying `payload`.
    static std::string encode(WebSocketOpcode opcode, const std::string& payload);
    static std::string encode(WebSocketOpcode opcode, const char* payload, std::size_t size);
    /// A close frame with `code` (and no reason text).
    static std::string close(std::uint16_t code);
};

} // namespace motel::realtime
