#include "application/EventFanout.h"

#include "application/MotelApplication.h"
#include "json/JsonText.h"

#include <motel/plugins/Topics.h>

#include <Poco/JSON/Object.h>

#include <array>

namespace motel::realtime {

namespace {
namespace topics = plugins::topics;
// What Socket.IO clients hear (API.md, Realtime); the intent topics are not
// forwarded, they repeat a suite:updated / task:updated.
const std::array<const char*, 8> kTopics{topics::kSuiteCreated, topics::kSuiteUpdated,  topics::kSuiteDeleted,
                                         topics::kTaskCreated,  topics::kTaskUpdated,   topics::kTaskDeleted,
                                         topics::kTaskAssigned, topics::kTaskOverdue};
const char* const kNamespace = "/";

std::string memberString(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    if (!object || !object->has(name)) return {};
    const auto value = object->get(name);
    return value.isString() ? value.convert<std::string>() : std::string();
}
} // namespace

EventFanout::EventFanout(SocketIoServer& server, std::string instanceId)
    : server_(server), instanceId_(std::move(instanceId)) {}

std::string EventFanout::socketEventFor(const std::string& topic) {
    for (const char* known : kTopics) {
        if (topic == known) {
            std::string name = topic;
            name[name.find('.')] = ':';
            return name;
        }
    }
    return {};
}

std::optional<std::string> EventFanout::roomFor(const std::string& topic, const Poco::Dynamic::Var& payload) {
    if (topic != topics::kTaskAssigned) return std::string();
    if (payload.type() != typeid(Poco::JSON::Object::Ptr)) return std::nullopt;
    const auto& task = payload.extract<Poco::JSON::Object::Ptr>();
    if (!task || !task->has("assigneeId") || task->isNull("assigneeId")) return std::nullopt;
    const auto assignee = task->get("assigneeId");
    if (!assignee.isInteger()) return std::nullopt;
    return MotelApplication::userRoom(assignee.convert<Poco::Int64>());
}

void EventFanout::attach(sdk::EventBus& bus) {
    for (const char* topic : kTopics) {
        subscriptions_.push_back(bus.subscribe(topic, [this](const sdk::Event& event) { onEvent(event); }));
    }
}

void EventFanout::detach(sdk::EventBus& bus) {
    for (const auto id : subscriptions_) bus.unsubscribe(id);
    subscriptions_.clear();
}

void EventFanout::onEvent(const sdk::Event& event) {
    const std::string name = socketEventFor(event.topic);
    if (name.empty()) return;
    const auto room = roomFor(event.topic, event.payload);
    if (!room) return;
    const std::string payload = JsonText::write(event.payload);
    const std::string offset = server_.broadcast(kNamespace, *room, name, payload);
    if (!bridge_) return;
    std::string message = "{\"origin\":";
    JsonText::writeString(instanceId_, message);
    message += ",\"event\":";
    JsonText::writeString(name, message);
    message += ",\"room\":";
    JsonText::writeString(*room, message);
    message += ",\"offset\":";
    JsonText::writeString(offset, message);
    message += ",\"payload\":" + payload + "}";
    bridge_->publish(std::move(message));
}

void EventFanout::onRemoteMessage(const std::string& message) {
    const auto parsed = JsonText::parse(message);
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) return;
    const auto& object = parsed.extract<Poco::JSON::Object::Ptr>();
    if (memberString(object, "origin") == instanceId_) return; // delivered locally already
    const std::string event = memberString(object, "event");
    if (event.empty() || !object->has("payload")) return;
    server_.broadcast(kNamespace, memberString(object, "room"), event, JsonText::write(object->get("payload")),
                      memberString(object, "offset"));
}

} // namespace motel::realtime
