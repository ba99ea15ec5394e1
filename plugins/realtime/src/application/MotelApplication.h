#pragma once
/// The plugin's real namespace `/`: a client connects with
/// `auth: {"token": "<jwt>"}`, checked by the auth plugin's Authenticator
/// (looked up when needed, so the plugin does not depend on `auth` at load
/// time; with no authenticator registered every CONNECT is refused). A
/// missing or bad token gets CONNECT_ERROR `{"message":"Unauthorized"}`. An
/// accepted socket joins `user:<id>`, `role:<role>` and `token:<jti>` (so
/// SessionRevoker can end the sockets of a user or of one token), and ends
/// when its token expires, and `sid:<socket id>` (so a plugin can reach or
/// move one socket on any host). Clients may ask `whoami` with an ack to
/// learn who they are connected as; events `<channel>:<event>` go to the
/// plugin handlers of the ClientEventDispatcher (RealtimeHub), any other
/// event is ignored.

#include "application/ClientEventDispatcher.h"
#include "socketio/SocketApplication.h"

#include <motel/sdk/Authenticator.h>

#include <functional>
#include <memory>

namespace motel::realtime {

class MotelApplication : public SocketApplication {
public:
    /// Returns the authenticator, or null while none is registered.
    using AuthenticatorLookup = std::function<std::shared_ptr<sdk::Authenticator>()>;

    /// `dispatcher` may be null (no plugin handlers).
    explicit MotelApplication(AuthenticatorLookup lookup, ClientEventDispatcher* dispatcher = nullptr)
        : lookup_(std::move(lookup)), dispatcher_(dispatcher) {}

    bool hasNamespace(const std::string& nsp) const override { return nsp == "/"; }
    ConnectDecision authorize(const std::string& nsp, const Poco::Dynamic::Var& auth) override;
    void onConnect(SocketIoSocket& socket) override;
    void onEvent(SocketIoSocket& socket, const SocketPacket& packet) override;
    /// Plugin rooms survive recovery; the standard ones come from the new CONNECT.
    bool restoresRoom(const std::string& room) const override { return room.rfind(kPluginRoomPrefix, 0) == 0; }

    static std::string userRoom(std::int64_t userId) { return "user:" + std::to_string(userId); }
    static std::string roleRoom(const std::string& role) { return "role:" + role; }
    static std::string tokenRoom(const std::string& tokenId) { return "token:" + tokenId; }
    static std::string socketRoom(const std::string& socketId) { return "sid:" + socketId; }
    static std::string pluginRoom(const std::string& channel, const std::string& room) {
        return kPluginRoomPrefix + channel + ":" + room;
    }
    static constexpr const char* kPluginRoomPrefix = "plugin:";

private:
    AuthenticatorLookup lookup_;
    ClientEventDispatcher* dispatcher_;
};

} // namespace motel::realtime
