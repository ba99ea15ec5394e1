#pragma once
/// One Engine.IO v4 packet (open, close, ping, pong, message, upgrade, noop)
/// and its two wire forms: a WebSocket message (text: type digit + data;
/// binary: the raw bytes of a message packet) and one entry of an HTTP
/// long-polling payload (text as above; binary as `b` + base64).

#include <stdexcept>
#include <string>

namespace motel::realtime {

/// A packet that does not follow the Engine.IO encoding; the session that
/// received it is closed.
class MalformedPacket : public std::runtime_error {
public:
    explicit MalformedPacket(const std::string& what) : std::runtime_error(what) {}
};

struct EnginePacket {
    enum class Type : char {
        open = '0',
        close = '1',
        ping = '2',
        pong = '3',
        message = '4',
        upgrade = '5',
        noop = '6'
    };

    Type type = Type::message;
    std::string data;    ///< text after the type digit, or the raw bytes when binary
    bool binary = false; ///< only message packets may be binary

    static EnginePacket text(Type type, std::string data = {}) { return {type, std::move(data), false}; }
    static EnginePacket bytes(std::string data) { return {Type::message, std::move(data), true}; }

    /// Text form (`4hello`); for binary packets the raw bytes.
    std::string encodeForWebSocket() const;
    /// Entry of a polling payload (`4hello`, `bAQID`).
    std::string encodeForPolling() const;

    /// A WebSocket text message. Throws MalformedPacket on an empty message
    /// or an unknown type.
    static EnginePacket decodeText(const std::string& message);
    /// One polling payload entry (text or `b` + base64).
    static EnginePacket decodePollingEntry(const std::string& entry);

    bool operator==(const EnginePacket& other) const {
        return type == other.type && data == other.data && binary == other.binary;
    }
};

} // namespace motel::realtime
