#include "application/EventFanout.h"

#include "application/MotelApplication.h"
#include "json/JsonText.h"

#include <motel/plugins/Topics.h>
#include <motel/sdk/AnswerHold.h>

#include <Poco/JSON/Object.h>

#include <array>

namespace motel::realtime {

namespace {
namespace topics = plugins::topics;
// What Socket.IO clients hear (docs/openapi.yaml, Realtime); the intent topics are not
// forwarded, they repeat a suite:updated / task:updated.
const std::array<const char*, 8> kTopics{topics::kSuiteCreated, topics::kSuiteUpdated, topics::kSuiteDeleted,
                                         topics::kTaskCreated,  topics::kTaskUpdated,  topics::kTaskDeleted,
                                         topics::kTaskAssigned, topics::kTaskOverdue};
const char* const kNamespace = "/";
} // namespace

EventFanout::EventFanout(SocketIoServer& server) : server_(server) {}

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
    RelayMessage message;
    message.nsp = kNamespace;
    message.room = *room;
    message.event = name;
    message.payload = JsonText::write(event.payload);
    send(std::move(message));
}

void EventFanout::send(RelayMessage message) {
    if (relay_)
        relay_->publish(std::move(message), sdk::holdAnswer()); // the request's answer waits for the XADD
    else
        deliver(message);
}

void EventFanout::deliver(const RelayMessage& message, const std::string& offset) {
    if (message.isMembership()) {
        server_.moveSockets(message.nsp, message.target, message.payload, message.op == "join");
        return;
    }
    server_.broadcast(message.nsp, message.room, message.event, message.payload, offset);
}

void EventFanout::setRelay(StreamPublisher* relay) {
    relay_ = relay;
    if (!relay_) return;
    relay_->setLocalDelivery([this](const RelayMessage& message) { deliver(message); });
}

void EventFanout::onStreamEntry(const StreamEntry& entry) {
    const RelayMessage& message = entry.message;
    if (!message.isMembership() && (message.event.empty() || message.payload.empty())) return;
    if (message.isMembership() && (message.target.empty() || message.payload.empty())) return;
    const auto deliverRead = [this, &entry](const RelayMessage& read) { deliver(read, entry.id); };
    if (relay_ && message.origin == relay_->origin()) {
        relay_->ledger().readBack(message, deliverRead); // unless delivered here while Redis was away
        return;
    }
    deliverRead(message);
}

} // namespace motel::realtime
