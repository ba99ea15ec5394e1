#pragma once
/// What a Socket.IO server does with its namespaces: which exist, who may
/// connect (and into which rooms), and what happens on events. The plugin's
/// normal mode (JWT, user/role rooms) and the compliance mode of the official
/// test suites are two implementations. Called on the connection's loop.

#include <motel/sdk/Principal.h>

#include <Poco/Dynamic/Var.h>

#include <optional>
#include <string>
#include <vector>

namespace motel::realtime {

class SocketIoSocket;
struct SocketPacket;

struct ConnectDecision {
    bool accepted = false;
    std::string errorJson; ///< CONNECT_ERROR payload when refused, e.g. {"message":"Unauthorized"}
    std::optional<sdk::Principal> principal;
    std::vector<std::string> rooms; ///< joined on connect (besides the namespace itself)

    static ConnectDecision refuse(std::string errorJson) { return {false, std::move(errorJson), std::nullopt, {}}; }
};

class SocketApplication {
public:
    virtual ~SocketApplication() = default;
    virtual bool hasNamespace(const std::string& nsp) const = 0;
    /// `auth` is the CONNECT payload (an object; empty when none was sent).
    virtual ConnectDecision authorize(const std::string& nsp, const Poco::Dynamic::Var& auth) = 0;
    virtual void onConnect(SocketIoSocket& socket) { (void)socket; }
    /// Whether a socket restored by connection state recovery rejoins `room`,
    /// one of the rooms it was in when it dropped (the rooms of the
    /// ConnectDecision are joined anyway).
    virtual bool restoresRoom(const std::string& room) const {
        (void)room;
        return false;
    }
    /// An EVENT from the client (ack id in packet.id when it wants one).
    virtual void onEvent(SocketIoSocket& socket, const SocketPacket& packet) {
        (void)socket;
        (void)packet;
    }
};

} // namespace motel::realtime
