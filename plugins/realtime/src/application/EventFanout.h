#pragma once
/// Turns the host's domain events into Socket.IO broadcasts: `suite.created`
/// ... `task.deleted` go to every socket of `/` as `suite:created` ...
/// `task:deleted`, `task.assigned` goes as `task:assigned` to room
/// `user:<assigneeId>` only; the payload is the event's as is. With a Redis
/// bridge, every local event is also published, and events from other hosts
/// (never our own) are broadcast here with their original offset, so each
/// socket gets each event once, in the order its host published them.

#include "application/RedisBridge.h"
#include "socketio/SocketIoServer.h"

#include <motel/sdk/Events.h>

#include <string>
#include <vector>

namespace motel::realtime {

class EventFanout {
public:
    EventFanout(SocketIoServer& server, std::string instanceId);

    /// Subscribes to the topics (call once) and remembers the ids for detach().
    void attach(sdk::EventBus& bus);
    void detach(sdk::EventBus& bus);
    /// Publishing side of the bridge (null: local only).
    void setBridge(RedisBridge* bridge) { bridge_ = bridge; }

    /// One domain event (what the bus subscription calls).
    void onEvent(const sdk::Event& event);
    /// One message from the bridge.
    void onRemoteMessage(const std::string& message);

    /// `suite.created` -> `suite:created`; empty for topics not sent to clients.
    static std::string socketEventFor(const std::string& topic);
    /// The room for a topic and payload: "" (everyone), `user:<id>`, or
    /// nullopt when there is no one to tell (task.assigned without assignee).
    static std::optional<std::string> roomFor(const std::string& topic, const Poco::Dynamic::Var& payload);

private:
    SocketIoServer& server_;
    const std::string instanceId_;
    RedisBridge* bridge_ = nullptr;
    std::vector<sdk::EventBus::SubscriptionId> subscriptions_;
};

} // namespace motel::realtime
