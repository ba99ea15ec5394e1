#include "websocket/WebSocketFrame.h"

namespace motel::realtime {

std::string WebSocketFrame::encode(WebSocketOpcode opcode, const std::string& payload) {
    return encode(opcode, payload.data(), payload.size());
}

std::string WebSocketFrame::encode(WebSocketOpcode opcode, const char* payload, std::size_t size) {
    std::string frame;
    frame.reserve(size + 10);
    frame += static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode));
    if (size < 126) {
        frame += static_cast<char>(size);
    } else if (size <= 0xFFFF) {
        frame += static_cast<char>(126);
        frame += static_cast<char>((size >> 8) & 0xFF);
        frame += static_cast<char>(size & 0xFF);
    } else {
        frame += static_cast<char>(127);
        for (int shift = 56; shift >= 0; shift -= 8)
            frame += static_cast<char>((static_cast<std::uint64_t>(size) >> shift) & 0xFF);
    }
    frame.append(payload, size);
    return frame;
}

std::string WebSocketFrame::close(std::uint16_t code) {
    std::string payload;
    payload += static_cast<char>(code >> 8);
    payload += static_cast<char>(code & 0xFF);
    return encode(WebSocketOpcode::close, payload);
}

} // namespace motel::realtime
