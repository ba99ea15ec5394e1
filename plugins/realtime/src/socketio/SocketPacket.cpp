#include "socketio/SocketPacket.h"

#include "json/JsonText.h"

#include <Poco/JSON/Array.h>

namespace motel::realtime {

std::string SocketPacket::encodeWith(Type type, const std::string& nsp, std::optional<std::uint64_t> id,
                                     const std::string& dataJson, std::size_t attachmentCount) {
    if (attachmentCount > 0 && type == Type::event) type = Type::binaryEvent;
    if (attachmentCount > 0 && type == Type::ack) type = Type::binaryAck;
    std::string out;
    out.reserve(dataJson.size() + nsp.size() + 24);
    out += static_cast<char>('0' + static_cast<int>(type));
    if (type == Type::binaryEvent || type == Type::binaryAck) {
        out += std::to_string(attachmentCount);
        out += '-';
    }
    if (!nsp.empty() && nsp != "/") {
        out += nsp;
        out += ',';
    }
    if (id) out += std::to_string(*id);
    out += dataJson;
    return out;
}

std::string SocketPacket::encode() const {
    return encodeWith(type, nsp, id, data ? JsonText::write(*data) : std::string(), attachments.size());
}

std::string SocketPacket::eventName() const {
    if (!isEvent() || !data || data->type() != typeid(Poco::JSON::Array::Ptr)) return {};
    const auto& array = data->extract<Poco::JSON::Array::Ptr>();
    if (!array || array->size() == 0) return {};
    const auto first = array->get(0);
    return first.isString() ? first.convert<std::string>() : std::string();
}

std::string SocketPacket::argumentsJson(std::size_t skip) const {
    std::string out;
    if (!data || data->type() != typeid(Poco::JSON::Array::Ptr)) return out;
    const auto& array = data->extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = skip; array && i < array->size(); ++i) {
        if (i > skip) out += ',';
        JsonText::write(array->get(static_cast<unsigned>(i)), out);
    }
    return out;
}

} // namespace motel::realtime
