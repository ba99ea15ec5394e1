#include "application/PluginChannel.h"

#include "application/MotelApplication.h"
#include "json/JsonText.h"

namespace motel::realtime {

using plugins::realtime::Audience;

PluginChannel::PluginChannel(std::string name, std::shared_ptr<ClientEventRegistry> registry,
                             std::shared_ptr<HubOutlet> outlet, Poco::Logger& logger)
    : name_(std::move(name)), registry_(std::move(registry)), outlet_(std::move(outlet)), logger_(logger) {}

PluginChannel::~PluginChannel() {
    close();
}

void PluginChannel::on(const std::string& event, sdk::Access access, plugins::realtime::ClientEventHandler handler) {
    if (calls_->closed()) throw std::logic_error("realtime: channel '" + name_ + "' is closed");
    registry_->add(ClientEventRoute{name_, event, std::move(access), std::move(handler), calls_});
}

std::optional<std::string> PluginChannel::roomOf(const Audience& audience) const {
    switch (audience.kind) {
    case Audience::Kind::everyone:
        return std::string();
    case Audience::Kind::user:
        if (audience.userId <= 0) return std::nullopt;
        return MotelApplication::userRoom(audience.userId);
    case Audience::Kind::role:
        if (!ClientEventRegistry::validRoomName(audience.name)) return std::nullopt;
        return MotelApplication::roleRoom(audience.name);
    case Audience::Kind::room:
        if (!ClientEventRegistry::validRoomName(audience.name)) return std::nullopt;
        return MotelApplication::pluginRoom(name_, audience.name);
    case Audience::Kind::socket:
        if (!ClientEventRegistry::validRoomName(audience.name)) return std::nullopt;
        return MotelApplication::socketRoom(audience.name);
    }
    return std::nullopt;
}

bool PluginChannel::emit(const Audience& to, const std::string& event, const Poco::Dynamic::Var& payload) {
    const auto room = roomOf(to);
    if (!room || !ClientEventRegistry::validEventName(event)) {
        logger_.warning("realtime: channel '%s' refused an emit of '%s': malformed event name or audience", name_,
                        event);
        return false;
    }
    if (calls_->closed()) return false;
    RelayMessage message;
    message.room = *room;
    message.event = ClientEventRegistry::fullName(name_, event);
    try {
        message.payload = JsonText::write(payload);
    } catch (const std::exception& error) {
        logger_.warning("realtime: channel '%s' refused an emit of '%s': %s", name_, event, std::string(error.what()));
        return false;
    }
    if (message.payload.size() > plugins::realtime::RealtimeHub::kMaxEmitBytes) {
        logger_.warning("realtime: channel '%s' refused an emit of '%s': %z bytes of payload, at most %z", name_, event,
                        message.payload.size(), plugins::realtime::RealtimeHub::kMaxEmitBytes);
        return false;
    }
    return outlet_->send(std::move(message));
}

bool PluginChannel::join(const Audience& who, const std::string& room) {
    return move(who, room, true);
}

bool PluginChannel::leave(const Audience& who, const std::string& room) {
    return move(who, room, false);
}

bool PluginChannel::move(const Audience& who, const std::string& room, bool join) {
    const bool movable = who.kind == Audience::Kind::user || who.kind == Audience::Kind::socket;
    const auto target = movable ? roomOf(who) : std::nullopt;
    if (!target || !ClientEventRegistry::validRoomName(room)) {
        logger_.warning("realtime: channel '%s' refused to move sockets into or out of room '%s': only a user or a "
                        "socket can join a well-formed room",
                        name_, room);
        return false;
    }
    if (calls_->closed()) return false;
    return outlet_->send(RelayMessage::membership(join, *target, MotelApplication::pluginRoom(name_, room)));
}

void PluginChannel::close() {
    if (calls_->closed()) return;
    registry_->closeChannel(name_);
    calls_->closeAndWait();
}

} // namespace motel::realtime
