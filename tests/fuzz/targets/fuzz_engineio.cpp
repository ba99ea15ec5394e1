// Fuzzes the realtime plugin's Engine.IO v4 decoders: a WebSocket text
// message, one long-polling entry (text or `b` + base64) and a whole polling
// POST body (entries split by \x1e). Malformed input must end in
// MalformedPacket (the session closes); a decoded packet must encode back to
// a form that decodes to the same packet.
#include "engine/EnginePacket.h"
#include "engine/PollingPayload.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
using motel::realtime::EnginePacket;
using motel::realtime::MalformedPacket;

void check(bool condition) {
    if (!condition) __builtin_trap();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    try {
        const EnginePacket packet = EnginePacket::decodeText(input);
        check(EnginePacket::decodeText(packet.encodeForWebSocket()) == packet);
    } catch (const MalformedPacket&) {
    }
    try {
        const EnginePacket packet = EnginePacket::decodePollingEntry(input);
        check(EnginePacket::decodePollingEntry(packet.encodeForPolling()) == packet);
    } catch (const MalformedPacket&) {
    }
    try {
        const auto packets = motel::realtime::PollingPayload::decode(input);
        check(!packets.empty());
    } catch (const MalformedPacket&) {
    }
    return 0;
}
