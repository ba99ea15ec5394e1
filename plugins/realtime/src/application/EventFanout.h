#pragma once
/// Turns the host's domain events into Socket.IO broadcasts: `suite.created`
/// ... `task.deleted` go to every socket of `/` as `suite:created` ...
/// `task:deleted`, `task.assigned` goes as `task:assigned` to room
/// `user:<assigneeId>` only; the payload is the event's as is. With Redis
/// (`redis.url`), every event goes through the relay's stream instead, this
/// host's own included, and is broadcast when it is read back with its stream
/// id as offset: every socket on every host gets each event once, in the same
/// order, with an offset any host can resume from.

#include "application/RelayMessage.h"
#include "application/StreamPublisher.h"
#include "socketio/SocketIoServer.h"

#include <motel/sdk/Events.h>

#include <string>
#include <vector>

namespace motel::realtime {

class EventFanout {
public:
    explicit EventFanout(SocketIoServer& server);

    /// Subscribes to the topics (call once) and remembers the ids for detach().
    void attach(sdk::EventBus& bus);
    void detach(sdk::EventBus& bus);
    /// The relay's writing half (null: this host only).
    /// Before start of the relay.
    void setRelay(StreamPublisher* relay);

    /// One domain event (what the bus subscription calls).
    void onEvent(const sdk::Event& event);
    /// One entry of the relay's stream (from any host, this one included).
    void onStreamEntry(const StreamEntry& entry);
    /// A broadcast or membership op of a plugin channel (RealtimeHub): through
    /// the relay to every host, or on this host when there is no Redis.
    /// Any thread.
    void send(RelayMessage message);

    /// `suite.created` -> `suite:created`; empty for topics not sent to clients.
    static std::string socketEventFor(const std::string& topic);
    /// The room for a topic and payload: "" (everyone), `user:<id>`, or
    /// nullopt when there is no one to tell (task.assigned without assignee).
    static std::optional<std::string> roomFor(const std::string& topic, const Poco::Dynamic::Var& payload);

private:
    /// Applies `message` to this host's sockets; `offset` for broadcasts.
    void deliver(const RelayMessage& message, const std::string& offset = "");

    SocketIoServer& server_;
    StreamPublisher* relay_ = nullptr;
    std::vector<sdk::EventBus::SubscriptionId> subscriptions_;
};

} // namespace motel::realtime
