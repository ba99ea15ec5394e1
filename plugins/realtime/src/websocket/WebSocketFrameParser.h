#pragma once
/// Reassembles the frames a WebSocket client sends into messages: unmasks,
/// joins fragments, checks the rules of RFC 6455 that matter to a server
/// (client frames are masked, control frames are short and final, no
/// reserved bits, no interleaved data messages, text is UTF-8 (1007
/// otherwise)) and the size limit (Engine.IO's maxPayload). Keeps no buffer between complete frames, so an
/// idle connection costs nothing here.

#include "websocket/WebSocketFrame.h"

#include <cstddef>
#include <functional>
#include <string>

namespace motel::realtime {

class WebSocketFrameParser {
public:
    struct Message {
        WebSocketOpcode opcode; ///< text, binary, close, ping or pong
        std::string payload;
    };
    using MessageHandler = std::function<void(Message&&)>;

    explicit WebSocketFrameParser(std::size_t maxMessageBytes) : maxMessageBytes_(maxMessageBytes) {}

    /// Consumes `size` bytes; calls `onMessage` for every completed message.
    /// Throws WebSocketProtocolError when the peer broke the rules.
    void feed(const char* data, std::size_t size, const MessageHandler& onMessage);

private:
    /// Parses one frame from [data, data+size); returns the bytes it used, 0
    /// when the frame is not complete yet.
    std::size_t parseFrame(const char* data, std::size_t size, const MessageHandler& onMessage);

    std::size_t maxMessageBytes_;
    std::string partial_;   ///< an incomplete frame
    std::string fragments_; ///< payload of a fragmented message so far
    WebSocketOpcode fragmentOpcode_ = WebSocketOpcode::text;
    bool inFragmentedMessage_ = false;
};

} // namespace motel::realtime
