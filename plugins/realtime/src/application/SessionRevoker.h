#pragma once
/// Ends the sockets whose access was revoked, on this host, when the auth
/// plugin publishes (on every host, see its RevocationFeed):
///   token.revoked {"tokenId"}   -> the sockets opened with that token
///   user.deactivated|deleted|roleChanged|passwordChanged {"id"}
///                               -> every socket of that user
/// A socket ends with a Socket.IO DISCONNECT (the client sees
/// `io server disconnect` and does not reconnect by itself; after a role
/// change it may connect again and gets the new role's rooms).

#include "socketio/SocketIoServer.h"

#include <motel/sdk/Events.h>

#include <optional>
#include <string>
#include <vector>

namespace motel::realtime {

class SessionRevoker {
public:
    explicit SessionRevoker(SocketIoServer& server) : server_(server) {}

    void attach(sdk::EventBus& bus);
    void detach(sdk::EventBus& bus);
    void onEvent(const sdk::Event& event);

    /// The room an event ends; nullopt for other topics and bad payloads.
    static std::optional<std::string> roomFor(const std::string& topic, const Poco::Dynamic::Var& payload);

private:
    SocketIoServer& server_;
    std::vector<sdk::EventBus::SubscriptionId> subscriptions_;
};

} // namespace motel::realtime
