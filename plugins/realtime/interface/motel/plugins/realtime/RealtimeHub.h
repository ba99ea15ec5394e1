#pragma once
/// Published interface of the `realtime` plugin (interface version 1.0): let
/// any plugin handle Socket.IO events that clients send and push events to
/// clients, cluster-wide.
///
///   // info().dependencies lists "realtime"; in start():
///   auto hub = context.services().require<motel::plugins::realtime::RealtimeHub>();
///   hub->on("hello:wave", sdk::Access::authenticated(),
///           [](const ClientEvent& event, ClientSocket& socket) -> Poco::Dynamic::Var {
///               socket.join("hello:wavers");                    // a room this plugin manages
///               Poco::JSON::Object::Ptr ack = new Poco::JSON::Object;
///               ack->set("ok", true);
///               return ack;                                     // the client's ack callback gets it
///           });
///   hub->emitToRoom("hello:wavers", "hello:waved", payload);    // every host, every member
///
/// Clients are authenticated at CONNECT (the auth plugin's token), so
/// `ClientEvent::caller` is always set. Delivery of emits is at most once per
/// socket, in order per host, across every host sharing `redis.url` (the
/// same relay the board's `suite:*` / `task:*` events use), and reaches
/// sockets that recover a dropped session within the recovery window.
///
/// Threads: a handler runs on the realtime I/O thread that owns the socket,
/// which serves many other sockets: keep it short (memory, the cache). For
/// blocking work (the database, another service) enqueue a job and push the
/// result later with emitToUser(). The emit functions may be called from any
/// thread. The ClientSocket is valid only during the call.

#include <motel/sdk/Principal.h>
#include <motel/sdk/Routes.h>
#include <motel/sdk/Services.h>

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <functional>
#include <string>

namespace motel::plugins::realtime {

/// One event a client sent: `socket.emit(name, payload[, ack])`.
struct ClientEvent {
    std::string name;
    /// The first argument after the name, parsed (a Poco::JSON::Object::Ptr
    /// for an object, Array::Ptr for an array, a scalar, or empty when none).
    Poco::Dynamic::Var payload;
    sdk::Principal caller; ///< who the socket authenticated as
    std::string socketId;
    bool wantsAck = false; ///< the client passed an ack callback
};

/// The socket that sent the event, for the length of the handler call.
class ClientSocket {
public:
    virtual ~ClientSocket() = default;
    virtual const std::string& id() const = 0;
    /// Joins / leaves a room of your plugin. Name your rooms `<plugin>:...`;
    /// `user:` and `role:` are the hub's own (std::invalid_argument).
    virtual void join(const std::string& room) = 0;
    virtual void leave(const std::string& room) = 0;
};

/// Returns the ack value (sent only when the client asked for one; an empty
/// Var acks with no argument). Throwing sdk::HttpError acks
/// `{"error": {"statusCode", "message"}}`; any other exception acks
/// `{"error": {"statusCode": 500, "message": "Internal server error"}}` and
/// is logged.
using ClientEventHandler = std::function<Poco::Dynamic::Var(const ClientEvent& event, ClientSocket& socket)>;

class RealtimeHub {
public:
    static constexpr const char* kServiceName = "realtime.hub";
    static constexpr sdk::InterfaceVersion kVersion{1, 0};

    virtual ~RealtimeHub() = default;

    /// Handles client event `name` from callers that pass `access` (its
    /// roles, as for routes; every socket is authenticated). A caller whose
    /// grants lack the roles gets the ack error 403 "Forbidden resource" and
    /// the handler does not run. Throws std::logic_error for a name already
    /// handled (by any plugin) or built in (`whoami`).
    virtual void on(const std::string& name, sdk::Access access, ClientEventHandler handler) = 0;
    /// Stops handling `name` (call it in stop()).
    virtual void off(const std::string& name) = 0;

    /// `payload` must be JSON-serialisable (Poco::JSON objects, arrays, scalars).
    virtual void emitToUser(std::int64_t userId, const std::string& event, const Poco::Dynamic::Var& payload) = 0;
    /// Every socket whose account has exactly `role` (the `role:<role>` room).
    virtual void emitToRole(const std::string& role, const std::string& event, const Poco::Dynamic::Var& payload) = 0;
    virtual void emitToRoom(const std::string& room, const std::string& event, const Poco::Dynamic::Var& payload) = 0;
    virtual void emitToAll(const std::string& event, const Poco::Dynamic::Var& payload) = 0;
};

} // namespace motel::plugins::realtime
