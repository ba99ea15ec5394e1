#include "engine/EnginePacket.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>

#include <iterator>

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

std::string base64Decode(const std::string& text) {
    for (const char c : text) {
        const bool valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                           c == '/' || c == '=';
        if (!valid) throw MalformedPacket("invalid base64 in a binary packet");
    }
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string bytes;
    try {
        bytes.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
    } catch (const Poco::Exception&) {
        throw MalformedPacket("invalid base64 in a binary packet");
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
