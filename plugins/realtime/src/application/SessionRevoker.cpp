#include "application/SessionRevoker.h"

#include "application/MotelApplication.h"

#include <Poco/JSON/Object.h>

#include <array>

namespace motel::realtime {

namespace {
const std::array<const char*, 5> kTopics{"token.revoked", "user.deactivated", "user.deleted", "user.roleChanged",
                                         "user.passwordChanged"};
} // namespace

void SessionRevoker::attach(sdk::EventBus& bus) {
    for (const char* topic : kTopics)
        subscriptions_.push_back(bus.subscribe(topic, [this](const sdk::Event& event) { onEvent(event); }));
}

void SessionRevoker::detach(sdk::EventBus& bus) {
    for (const auto id : subscriptions_) bus.unsubscribe(id);
    subscriptions_.clear();
}

std::optional<std::string> SessionRevoker::roomFor(const std::string& topic, const Poco::Dynamic::Var& payload) {
    if (payload.type() != typeid(Poco::JSON::Object::Ptr)) return std::nullopt;
    const auto& object = payload.extract<Poco::JSON::Object::Ptr>();
    if (!object) return std::nullopt;
    if (topic == "token.revoked") {
        if (!object->has("tokenId") || !object->get("tokenId").isString()) return std::nullopt;
        const std::string tokenId = object->getValue<std::string>("tokenId");
        if (tokenId.empty()) return std::nullopt;
        return MotelApplication::tokenRoom(tokenId);
    }
    for (const char* known : kTopics) {
        if (topic != known) continue;
        if (!object->has("id") || !object->get("id").isInteger()) return std::nullopt;
        return MotelApplication::userRoom(object->get("id").convert<Poco::Int64>());
    }
    return std::nullopt;
}

void SessionRevoker::onEvent(const sdk::Event& event) {
    if (const auto room = roomFor(event.topic, event.payload)) server_.endRoom("/", *room);
}

} // namespace motel::realtime
