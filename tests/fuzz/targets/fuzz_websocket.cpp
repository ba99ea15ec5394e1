// Fuzzes the realtime plugin's WebSocket frame parser: frames arrive in
// pieces of arbitrary size (the first input byte picks it), masked or not,
// fragmented, with control frames in between. A rule broken by the peer
// must end in WebSocketProtocolError (the connection closes with its code),
// and no message may exceed the size limit.
#include "websocket/WebSocketFrameParser.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace {
constexpr std::size_t kMaxMessageBytes = 4096;

void check(bool condition) {
    if (!condition) __builtin_trap();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t step = 1 + data[0] % 32;
    const char* input = reinterpret_cast<const char*>(data) + 1;
    const std::size_t length = size - 1;
    motel::realtime::WebSocketFrameParser parser(kMaxMessageBytes);
    const auto onMessage = [](motel::realtime::WebSocketFrameParser::Message&& message) {
        check(message.payload.size() <= kMaxMessageBytes);
    };
    try {
        for (std::size_t offset = 0; offset < length; offset += step)
            parser.feed(input + offset, std::min(step, length - offset), onMessage);
    } catch (const motel::realtime::WebSocketProtocolError& error) {
        check(error.code() >= 1000);
    }
    return 0;
}
