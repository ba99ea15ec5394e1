#pragma once
/// Which plugin handles which client event (RealtimeHub). A plugin's channel
/// owns the names `<channel>:<event>`; the registry refuses a second channel
/// of one name, a second handler of one event, reserved and malformed names,
/// so no plugin can take another's or the standard events. Thread-safe:
/// plugins register in their start() while sockets already send events.

#include "application/ChannelCalls.h"

#include <motel/plugins/realtime/RealtimeHub.h>
#include <motel/plugins/realtime/RealtimeNames.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace motel::realtime {

struct ClientEventRoute {
    std::string channel;
    std::string event; ///< without the channel prefix
    sdk::Access access;
    plugins::realtime::ClientEventHandler handler;
    std::shared_ptr<ChannelCalls> calls; ///< the channel's running calls
};

class ClientEventRegistry {
public:
    /// Reserves channel `name`. Throws std::logic_error naming the problem.
    void openChannel(const std::string& name);
    /// Throws std::logic_error for a malformed name, an unknown (closed)
    /// channel or a duplicate event.
    void add(ClientEventRoute route);
    /// Removes the channel and its handlers.
    void closeChannel(const std::string& name);
    /// The route of client event `fullName` (`hello:greet`), or null.
    std::shared_ptr<const ClientEventRoute> find(const std::string& fullName) const;

    /// `[a-z0-9_-]{1,64}` and not reserved.
    static bool validChannelName(const std::string& name);
    /// `[A-Za-z0-9_.-]{1,64}`.
    static bool validEventName(const std::string& name);
    /// `[A-Za-z0-9_.:-]{1,128}`.
    static bool validRoomName(const std::string& name);
    static std::string fullName(const std::string& channel, const std::string& event) {
        return plugins::realtime::clientEventName(channel, event);
    }

private:
    mutable std::mutex mutex_;
    std::set<std::string> channels_;
    std::map<std::string, std::shared_ptr<const ClientEventRoute>> routes_;
};

} // namespace motel::realtime
