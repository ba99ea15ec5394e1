#include "socketio/SocketPacketDecoder.h"

#include "json/JsonText.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace motel::realtime {

namespace {

const std::array<const char*, 6> kReservedEvents{"connect",       "connect_error", "disconnect",
                                                 "disconnecting", "newListener",   "removeListener"};

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isObject(const Poco::Dynamic::Var& value) {
    return value.type() == typeid(Poco::JSON::Object::Ptr);
}

bool isArray(const Poco::Dynamic::Var& value) {
    return value.type() == typeid(Poco::JSON::Array::Ptr);
}

bool isValidEvent(const Poco::Dynamic::Var& value) {
    if (!isArray(value)) return false;
    const auto& array = value.extract<Poco::JSON::Array::Ptr>();
    if (!array || array->size() == 0) return false;
    const auto first = array->get(0);
    if (first.isString()) {
        const std::string name = first.convert<std::string>();
        return std::none_of(kReservedEvents.begin(), kReservedEvents.end(),
                            [&name](const char* reserved) { return name == reserved; });
    }
    return first.isNumeric() && first.type() != typeid(bool);
}

bool isValidPayload(SocketPacket::Type type, const Poco::Dynamic::Var& payload) {
    switch (type) {
    case SocketPacket::Type::connect:
        return isObject(payload);
    case SocketPacket::Type::disconnect:
        return false; // DISCONNECT carries no payload
    case SocketPacket::Type::connectError:
        return isObject(payload) || payload.isString();
    case SocketPacket::Type::event:
    case SocketPacket::Type::binaryEvent:
        return isValidEvent(payload);
    case SocketPacket::Type::ack:
    case SocketPacket::Type::binaryAck:
        return isArray(payload);
    }
    return false;
}

} // namespace

SocketPacket SocketPacketDecoder::decodeText(const std::string& message, std::size_t& attachmentCount) {
    attachmentCount = 0;
    if (message.empty() || message[0] < '0' || message[0] > '6') throw MalformedPacket("unknown packet type");
    SocketPacket packet;
    packet.type = static_cast<SocketPacket::Type>(message[0] - '0');
    std::size_t i = 1;
    const bool binary = packet.type == SocketPacket::Type::binaryEvent || packet.type == SocketPacket::Type::binaryAck;
    if (binary) {
        const std::size_t dash = message.find('-', i);
        if (dash == std::string::npos || dash == i || dash - i > 6 ||
            !std::all_of(message.begin() + i, message.begin() + dash, isDigit)) {
            throw MalformedPacket("illegal attachments");
        }
        attachmentCount = std::stoul(message.substr(i, dash - i));
        if (attachmentCount > kMaxAttachments) throw MalformedPacket("too many attachments");
        i = dash + 1;
    }
    if (i < message.size() && message[i] == '/') {
        const std::size_t comma = message.find(',', i);
        const std::size_t end = comma == std::string::npos ? message.size() : comma;
        packet.nsp = message.substr(i, end - i);
        i = comma == std::string::npos ? message.size() : comma + 1;
    }
    if (i < message.size() && isDigit(message[i])) {
        std::size_t end = i;
        while (end < message.size() && isDigit(message[end])) ++end;
        if (end - i > 15) throw MalformedPacket("invalid ack id");
        packet.id = std::stoull(message.substr(i, end - i));
        i = end;
    }
    if (i < message.size()) {
        Poco::Dynamic::Var payload;
        try {
            payload = JsonText::parse(message.substr(i));
        } catch (const std::invalid_argument&) {
            throw MalformedPacket("invalid payload");
        }
        if (!isValidPayload(packet.type, payload)) throw MalformedPacket("invalid payload");
        packet.data = payload;
    }
    return packet;
}

std::optional<SocketPacket> SocketPacketDecoder::addText(const std::string& message) {
    if (pending_) throw MalformedPacket("got plaintext data when reconstructing a packet");
    std::size_t attachments = 0;
    SocketPacket packet = decodeText(message, attachments);
    if (attachments == 0) return packet;
    pending_ = std::move(packet);
    expected_ = attachments;
    return std::nullopt;
}

std::optional<SocketPacket> SocketPacketDecoder::addBinary(std::string bytes) {
    if (!pending_) throw MalformedPacket("got binary data when not reconstructing a packet");
    pending_->attachments.push_back(std::move(bytes));
    if (pending_->attachments.size() < expected_) return std::nullopt;
    std::optional<SocketPacket> done = std::move(pending_);
    pending_.reset();
    expected_ = 0;
    return done;
}

} // namespace motel::realtime
