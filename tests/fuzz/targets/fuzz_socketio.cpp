// Fuzzes the realtime plugin's Socket.IO v5 decoder as a connection feeds it:
// a sequence of Engine.IO messages, text or binary, where BINARY_EVENT and
// BINARY_ACK packets announce attachments that follow as binary messages.
// The input is split at \xff bytes; a piece starting with an even byte is a
// text message, with an odd byte a binary one. Malformed sequences must end
// in MalformedPacket (the connection closes), never a crash.
#include "engine/EnginePacket.h"
#include "socketio/SocketPacketDecoder.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
void check(bool condition) {
    if (!condition) __builtin_trap();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    motel::realtime::SocketPacketDecoder decoder;
    std::size_t start = 0;
    while (start < input.size()) {
        std::size_t end = input.find('\xff', start);
        if (end == std::string::npos) end = input.size();
        const std::string piece = input.substr(start, end - start);
        start = end + 1;
        if (piece.empty()) continue;
        const bool binary = static_cast<unsigned char>(piece[0]) % 2 == 1;
        try {
            const auto packet = binary ? decoder.addBinary(piece.substr(1)) : decoder.addText(piece.substr(1));
            if (packet) {
                check(packet->attachments.size() <= motel::realtime::SocketPacketDecoder::kMaxAttachments);
                check(!packet->nsp.empty() && packet->nsp[0] == '/');
                (void)packet->encode();
            }
        } catch (const motel::realtime::MalformedPacket&) {
            return 0; // the connection closes
        }
    }
    return 0;
}
