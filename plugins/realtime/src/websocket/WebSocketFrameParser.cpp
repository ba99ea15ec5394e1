#include "websocket/WebSocketFrameParser.h"

#include "websocket/Utf8.h"

#include <cstdint>

namespace motel::realtime {

namespace {
/// Text messages and a close frame's reason must be UTF-8 (RFC 6455 §5.6,
/// §7.1.6, §8.1); Engine.IO packets are text, so nothing else reaches the
/// JSON and Socket.IO decoders.
void checkText(const WebSocketFrameParser::Message& message) {
    const bool text = message.opcode == WebSocketOpcode::text;
    const bool closeReason = message.opcode == WebSocketOpcode::close && message.payload.size() > 2;
    if (!text && !closeReason) return;
    const std::string_view checked =
        text ? std::string_view(message.payload) : std::string_view(message.payload).substr(2);
    if (!Utf8::isValid(checked))
        throw WebSocketProtocolError(closecode::invalidPayload, "invalid UTF-8 in a text message");
}

void deliver(WebSocketFrameParser::Message&& message, const WebSocketFrameParser::MessageHandler& onMessage) {
    checkText(message);
    onMessage(std::move(message));
}
} // namespace

void WebSocketFrameParser::feed(const char* data, std::size_t size, const MessageHandler& onMessage) {
    if (!partial_.empty()) {
        partial_.append(data, size);
        std::string buffer;
        buffer.swap(partial_);
        std::size_t offset = 0;
        while (offset < buffer.size()) {
            const std::size_t used = parseFrame(buffer.data() + offset, buffer.size() - offset, onMessage);
            if (used == 0) break;
            offset += used;
        }
        partial_.assign(buffer, offset, std::string::npos);
        return;
    }
    std::size_t offset = 0;
    while (offset < size) {
        const std::size_t used = parseFrame(data + offset, size - offset, onMessage);
        if (used == 0) break;
        offset += used;
    }
    if (offset < size) partial_.assign(data + offset, size - offset);
}

std::size_t WebSocketFrameParser::parseFrame(const char* data, std::size_t size, const MessageHandler& onMessage) {
    if (size < 2) return 0;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(data);
    const bool fin = (bytes[0] & 0x80) != 0;
    if ((bytes[0] & 0x70) != 0) throw WebSocketProtocolError(closecode::protocolError, "reserved bits set");
    const auto opcode = static_cast<WebSocketOpcode>(bytes[0] & 0x0F);
    const bool masked = (bytes[1] & 0x80) != 0;
    if (!masked) throw WebSocketProtocolError(closecode::protocolError, "client frame not masked");
    std::uint64_t length = bytes[1] & 0x7F;
    std::size_t header = 2;
    if (length == 126) {
        if (size < 4) return 0;
        length = (std::uint64_t(bytes[2]) << 8) | bytes[3];
        header = 4;
    } else if (length == 127) {
        if (size < 10) return 0;
        length = 0;
        for (int i = 2; i < 10; ++i) length = (length << 8) | bytes[i];
        header = 10;
    }
    const bool control = (static_cast<std::uint8_t>(opcode) & 0x8) != 0;
    if (control && (!fin || length > 125)) throw WebSocketProtocolError(closecode::protocolError, "bad control frame");
    const std::size_t already = inFragmentedMessage_ && !control ? fragments_.size() : 0;
    if (length > maxMessageBytes_ || already + length > maxMessageBytes_) {
        throw WebSocketProtocolError(closecode::tooBig, "message too big");
    }
    if (size < header + 4 + length) return 0;
    const std::uint8_t* mask = bytes + header;
    const char* payloadStart = data + header + 4;
    std::string payload(payloadStart, static_cast<std::size_t>(length));
    for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(payload[i] ^ mask[i & 3]);

    switch (opcode) {
    case WebSocketOpcode::close:
    case WebSocketOpcode::ping:
    case WebSocketOpcode::pong:
        deliver(Message{opcode, std::move(payload)}, onMessage);
        break;
    case WebSocketOpcode::text:
    case WebSocketOpcode::binary:
        if (inFragmentedMessage_) throw WebSocketProtocolError(closecode::protocolError, "interleaved message");
        if (fin) {
            deliver(Message{opcode, std::move(payload)}, onMessage);
        } else {
            inFragmentedMessage_ = true;
            fragmentOpcode_ = opcode;
            fragments_ = std::move(payload);
        }
        break;
    case WebSocketOpcode::continuation:
        if (!inFragmentedMessage_) throw WebSocketProtocolError(closecode::protocolError, "unexpected continuation");
        fragments_ += payload;
        if (fin) {
            inFragmentedMessage_ = false;
            std::string message;
            message.swap(fragments_);
            deliver(Message{fragmentOpcode_, std::move(message)}, onMessage);
        }
        break;
    default:
        throw WebSocketProtocolError(closecode::protocolError, "unknown opcode");
    }
    return header + 4 + static_cast<std::size_t>(length);
}

} // namespace motel::realtime
