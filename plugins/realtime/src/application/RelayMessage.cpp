#include "application/RelayMessage.h"

#include <map>

namespace motel::realtime {

std::vector<std::string> RelayMessage::fields() const {
    std::vector<std::string> out{"origin", origin, "seq",     std::to_string(sequence),
                                 "nsp",    nsp,    "room",    room,
                                 "event",  event,  "payload", payload};
    if (isMembership()) out.insert(out.end(), {"op", op, "target", target});
    return out;
}

RelayMessage RelayMessage::membership(bool join, std::string target, std::string room) {
    RelayMessage message;
    message.room = kMembershipRoom;
    message.op = join ? "join" : "leave";
    message.target = std::move(target);
    message.payload = std::move(room);
    return message;
}

std::optional<RelayMessage> RelayMessage::fromFields(const redisReply* fields) {
    if (!fields || fields->type != REDIS_REPLY_ARRAY || fields->elements % 2 != 0) return std::nullopt;
    std::map<std::string, std::string> values;
    for (std::size_t i = 0; i + 1 < fields->elements; i += 2) {
        const redisReply* name = fields->element[i];
        const redisReply* value = fields->element[i + 1];
        if (name->type != REDIS_REPLY_STRING || value->type != REDIS_REPLY_STRING) return std::nullopt;
        values[std::string(name->str, name->len)] = std::string(value->str, value->len);
    }
    for (const char* required : {"origin", "seq", "nsp", "room", "event", "payload"})
        if (!values.count(required)) return std::nullopt;
    RelayMessage message;
    message.origin = values["origin"];
    try {
        message.sequence = std::stoull(values["seq"]);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    message.nsp = values["nsp"];
    message.room = values["room"];
    message.event = values["event"];
    message.payload = values["payload"];
    message.op = values["op"];
    message.target = values["target"];
    if (message.isMembership() && message.op != "join" && message.op != "leave") return std::nullopt;
    return message;
}

std::vector<StreamEntry> parseStreamEntries(const redisReply* entries) {
    std::vector<StreamEntry> parsed;
    if (!entries || entries->type != REDIS_REPLY_ARRAY) return parsed;
    for (std::size_t i = 0; i < entries->elements; ++i) {
        const redisReply* entry = entries->element[i];
        if (entry->type != REDIS_REPLY_ARRAY || entry->elements != 2 || entry->element[0]->type != REDIS_REPLY_STRING)
            continue;
        auto message = RelayMessage::fromFields(entry->element[1]);
        if (!message) continue;
        parsed.push_back({std::string(entry->element[0]->str, entry->element[0]->len), std::move(*message)});
    }
    return parsed;
}

} // namespace motel::realtime
