#pragma once
/// Published interface of the `realtime` plugin (interface version 1.0): how
/// another plugin talks to Socket.IO clients. A plugin opens its channel once
/// in start() and closes it in stop():
///
///   // info().dependencies lists "realtime", so it has started and
///   // published the hub; in start():
///   auto hub = context.services().require<plugins::realtime::RealtimeHub>();
///   channel_ = hub->open(context.pluginName());
///   channel_->on("greet", sdk::Access::anyRole({"staff"}),
///                [](const plugins::realtime::ClientEvent& event) -> Poco::Dynamic::Var {
///                    return event.payload; // the client's ack gets {"ok":true,"data":...}
///                });
///   channel_->emit(plugins::realtime::Audience::room("lobby"), "greeted", payload);
///   // in stop():
///   channel_.reset(); // unregisters the handlers, waits for running ones
///
/// Names. Everything a channel does is namespaced by its plugin's name: a
/// handler for "greet" on channel "hello" receives the client event
/// `hello:greet`, an emit of "greeted" reaches clients as `hello:greeted`, and
/// room "lobby" is `plugin:hello:lobby` inside the server, so no plugin can
/// take over, spoof or listen to another plugin's or the standard events
/// (`suite:*`, `task:*`, `whoami`). Channel names and event names are
/// `[a-z0-9_-]` (events may also use `.` and upper case), 1 to 64
/// characters (RealtimeNames.h); `suite`, `task`, `realtime`, `plugin`, `user`, `role`,
/// `token` and `sid` are reserved channel names. One channel per name and
/// one handler per event: open() and on() throw std::logic_error (naming the
/// problem) for a duplicate, a reserved or a malformed name.
///
/// Threads. Handlers never run on the Socket.IO I/O threads: they run on the
/// realtime plugin's handler threads (`plugins.realtime.handlerThreads`),
/// concurrently with each other and with the plugin's other code, so they
/// may block on the database. A call waits in a bounded queue
/// (`handlerQueue`; when full the client's ack gets 503). A handler that has
/// not returned within `handlerBudget` (default 5s) makes the client's ack
/// a 504; its late result is dropped and a warning logged. emit(), join()
/// and leave() may be called from any thread and never block on the network.
///
/// Acks. When the client asked for an ack it gets exactly one argument:
/// `{"ok":true,"data":<what the handler returned>}`, or
/// `{"ok":false,"error":{"statusCode":N,"message":...,"error":"<reason>"}}`,
/// the HTTP API's error envelope: 403 when the access rule refuses the
/// caller, 400/404/409... when the handler throws an sdk::HttpError (its
/// message is meant for the client), 500 "Internal server error" for any
/// other exception (logged with its text, never sent), 503/504 as above.
/// The socket stays open in every case. A client event no handler knows is
/// ignored, as before.
///
/// Delivery. Emits travel like the standard events: with `redis.url` through
/// the shared Redis stream to every host (then in one order for everyone,
/// and replayed by connection state recovery to a socket that was in the
/// audience when it dropped); without Redis on this host only. join()/leave()
/// change the sockets connected at that moment, on every host: a socket that
/// connects later is in no plugin room until it is joined (from a handler,
/// for example). A recovered socket keeps its rooms. Payloads are JSON of at
/// most kMaxEmitBytes once serialised; emit() refuses (returns false, logs)
/// a larger one. Emits of one channel from one thread arrive in the order
/// sent; no order holds between different hosts' emits except the stream's.
///
/// Header-only and abstract: the implementation lives in realtime.so. Bump
/// kVersion's minor for virtual functions added at the end, the major for
/// anything else.

#include <motel/plugins/realtime/RealtimeNames.h>
#include <motel/sdk/Principal.h>
#include <motel/sdk/Routes.h>
#include <motel/sdk/Services.h>

#include <Poco/Dynamic/Var.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace motel::plugins::realtime {

inline constexpr const char* kRealtimeHubService = "realtime.hub";

/// One client event as a handler receives it.
struct ClientEvent {
    std::string name;           ///< without the channel prefix: "greet"
    Poco::Dynamic::Var payload; ///< the event's first argument, parsed JSON (empty when none)
    sdk::Principal principal;   ///< who sent it (every plugin event needs an authenticated socket)
    std::string socketId;       ///< the sending socket (Audience::socket, RealtimeChannel::join)
};

/// Returns the ack's `data` (any JSON value; an empty Var is `null`). Throws
/// an sdk::HttpError for an error the client may read.
using ClientEventHandler = std::function<Poco::Dynamic::Var(const ClientEvent& event)>;

/// Whom an emit reaches, or whose sockets join()/leave() move.
struct Audience {
    enum class Kind { everyone, user, role, room, socket };
    Kind kind = Kind::everyone;
    std::string name; ///< role, room (of this channel) or socket id
    std::int64_t userId = 0;

    static Audience everyone() { return {Kind::everyone, {}, 0}; }
    /// Every socket of the user, on every host.
    static Audience user(std::int64_t id) { return {Kind::user, {}, id}; }
    /// Every socket of an account that has this role as its own role.
    static Audience role(std::string role) { return {Kind::role, std::move(role), 0}; }
    /// A room of the emitting channel.
    static Audience room(std::string room) { return {Kind::room, std::move(room), 0}; }
    static Audience socket(std::string socketId) { return {Kind::socket, std::move(socketId), 0}; }
};

/// A plugin's handle on Socket.IO. Destroying it (or close()) unregisters its
/// handlers and waits for the ones running; do it in the plugin's stop().
class RealtimeChannel {
public:
    virtual ~RealtimeChannel() = default;
    virtual const std::string& name() const = 0;
    /// Handles client event `<channel>:<event>` for callers `access` admits
    /// (Access::authenticated(), Access::anyRole({...}); a public rule is
    /// treated as authenticated: anonymous sockets never connect).
    virtual void on(const std::string& event, sdk::Access access, ClientEventHandler handler) = 0;
    /// Sends `<channel>:<event>` with `payload` to `to`. False (logged) when
    /// refused: malformed name, payload too large, or the hub stopped.
    virtual bool emit(const Audience& to, const std::string& event, const Poco::Dynamic::Var& payload) = 0;
    /// Puts the sockets of `who` (a socket or a user; every host) into this
    /// channel's `room`; leave() takes them out. False when refused.
    virtual bool join(const Audience& who, const std::string& room) = 0;
    virtual bool leave(const Audience& who, const std::string& room) = 0;
    /// Unregisters every handler and waits for running ones; emits are
    /// refused afterwards. Idempotent.
    virtual void close() = 0;
};

class RealtimeHub {
public:
    static constexpr const char* kServiceName = kRealtimeHubService;
    static constexpr sdk::InterfaceVersion kVersion{1, 0};
    /// Largest emit payload, serialised JSON.
    static constexpr std::size_t kMaxEmitBytes = 256 * 1024;

    virtual ~RealtimeHub() = default;
    /// The channel `name` (normally the plugin's own name). Throws
    /// std::logic_error when it is reserved, malformed or already open.
    virtual std::shared_ptr<RealtimeChannel> open(const std::string& name) = 0;
};

} // namespace motel::plugins::realtime
