#pragma once
/// One Socket.IO v5 packet (CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR,
/// BINARY_EVENT, BINARY_ACK) and its text encoding
/// `<type>[<attachments>-][<nsp>,][<ack id>][<JSON>]`. Binary attachments
/// travel as separate Engine.IO binary messages; in the JSON they stay as
/// `{"_placeholder":true,"num":N}`, which is all the server needs.

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::realtime {

struct SocketPacket {
    enum class Type {
        connect = 0,
        disconnect = 1,
        event = 2,
        ack = 3,
        connectError = 4,
        binaryEvent = 5,
        binaryAck = 6
    };

    Type type = Type::event;
    std::string nsp = "/";
    std::optional<std::uint64_t> id;        ///< ack id
    std::optional<Poco::Dynamic::Var> data; ///< absent: no JSON part
    std::vector<std::string> attachments;   ///< binary buffers, in placeholder order

    bool isEvent() const { return type == Type::event || type == Type::binaryEvent; }
    bool isAck() const { return type == Type::ack || type == Type::binaryAck; }

    /// The text part. EVENT/ACK with attachments are written as their BINARY
    /// forms with the attachment count.
    std::string encode() const;
    /// The text part for an already serialised JSON `dataJson` (broadcasts
    /// encode their payload once).
    static std::string encodeWith(Type type, const std::string& nsp, std::optional<std::uint64_t> id,
                                  const std::string& dataJson, std::size_t attachmentCount = 0);

    /// The event name (first array element) of an EVENT; empty otherwise.
    std::string eventName() const;
    /// The arguments after the event name (EVENT) or all of them (ACK) as a
    /// JSON array text, e.g. `1,"2"` without brackets.
    std::string argumentsJson(std::size_t skip) const;
};

} // namespace motel::realtime
