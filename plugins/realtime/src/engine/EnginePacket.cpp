#include "engine/EnginePacket.h"

#include <Poco/Base64Encoder.h>

#include <cstdint>
#include <sstream>

namespace motel::realtime {

namespace {

std::string base64Encode(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/// Standard base64 as engine.io-client writes it: padding optional, but only
/// at the end and never more than the last group needs. Decoded by hand: the
/// stream decoder this replaced leaked its buffer when it threw on bad input
/// (found by tests/fuzz fuzz_engineio).
std::string base64Decode(const std::string& text) {
    std::size_t length = text.size();
    std::size_t padding = 0;
    while (length > 0 && text[length - 1] == '=' && padding < 2) {
        --length;
        ++padding;
    }
    if (length % 4 == 1 || (padding > 0 && (length + padding) % 4 != 0))
        throw MalformedPacket("invalid base64 in a binary packet");
    std::string bytes;
    bytes.reserve(length / 4 * 3 + 2);
    std::uint32_t bits = 0;
    int pending = 0;
    for (std::size_t i = 0; i < length; ++i) {
        const int value = base64Value(text[i]);
        if (value < 0) throw MalformedPacket("invalid base64 in a binary packet");
        bits = (bits << 6) | static_cast<std::uint32_t>(value);
        pending += 6;
        if (pending >= 8) {
            pending -= 8;
            bytes += static_cast<char>((bits >> pending) & 0xFF);
        }
    }
    return bytes;
}

} // namespace

std::string EnginePacket::encodeForWebSocket() const {
    if (binary) return data;
    std::string out;
    out.reserve(data.size() + 1);
    out += static_cast<char>(type);
    out += data;
    return out;
}

std::string EnginePacket::encodeForPolling() const {
    if (binary) return "b" + base64Encode(data);
    return encodeForWebSocket();
}

EnginePacket EnginePacket::decodeText(const std::string& message) {
    if (message.empty()) throw MalformedPacket("empty packet");
    const char type = message[0];
    if (type < '0' || type > '6') throw MalformedPacket("unknown packet type");
    return text(static_cast<Type>(type), message.substr(1));
}

EnginePacket EnginePacket::decodePollingEntry(const std::string& entry) {
    if (!entry.empty() && entry[0] == 'b') return bytes(base64Decode(entry.substr(1)));
    return decodeText(entry);
}

} // namespace motel::realtime
