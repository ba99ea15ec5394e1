#include "application/ClientEventRegistry.h"

#include <stdexcept>

namespace motel::realtime {

bool ClientEventRegistry::validChannelName(const std::string& name) {
    return plugins::realtime::validChannelName(name);
}

bool ClientEventRegistry::validEventName(const std::string& name) {
    return plugins::realtime::validEventName(name);
}

bool ClientEventRegistry::validRoomName(const std::string& name) {
    return plugins::realtime::validRoomName(name);
}

void ClientEventRegistry::openChannel(const std::string& name) {
    if (!validChannelName(name)) {
        throw std::logic_error("realtime: channel name '" + name +
                               "' is reserved or malformed (expected [a-z0-9_-]{1,64}, not suite, task, realtime, "
                               "plugin, user, role, token or sid)");
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (!channels_.insert(name).second)
        throw std::logic_error("realtime: channel '" + name + "' is already open (one channel per plugin)");
}

void ClientEventRegistry::add(ClientEventRoute route) {
    if (!validEventName(route.event))
        throw std::logic_error("realtime: client event name '" + route.event +
                               "' is malformed (expected [A-Za-z0-9_.-]{1,64})");
    if (!route.handler) throw std::logic_error("realtime: client event '" + route.event + "' has no handler");
    const std::string name = fullName(route.channel, route.event);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!channels_.count(route.channel)) throw std::logic_error("realtime: channel '" + route.channel + "' is closed");
    if (routes_.count(name)) throw std::logic_error("realtime: client event '" + name + "' already has a handler");
    routes_.emplace(name, std::make_shared<const ClientEventRoute>(std::move(route)));
}

void ClientEventRegistry::closeChannel(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    channels_.erase(name);
    for (auto it = routes_.begin(); it != routes_.end();) {
        if (it->second->channel == name)
            it = routes_.erase(it);
        else
            ++it;
    }
}

std::shared_ptr<const ClientEventRoute> ClientEventRegistry::find(const std::string& fullName) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = routes_.find(fullName);
    return found == routes_.end() ? nullptr : found->second;
}

} // namespace motel::realtime
