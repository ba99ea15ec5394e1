#pragma once
/// A stand-in for the realtime plugin's RealtimeHub in a plugin's unit tests
/// (header-only; needs Motel::plugin_interfaces). It applies the hub's name
/// rules, records every channel, handler, emit and room change, and calls a
/// handler the way the realtime plugin does: access rule first, an
/// sdk::HttpError becomes its status and message, any other exception a 500.
/// Handlers run on the calling thread (the real hub uses its own threads).
///
///   auto hub = std::make_shared<motel::sdk::testing::FakeRealtimeHub>();
///   context.services().publish<motel::plugins::realtime::RealtimeHub>(hub);   // before start()
///   context.start(plugin);
///   auto ack = hub->call("hello:wave", caller, payload);
///   assert(ack.ok && hub->emits().size() == 1);

#include <motel/plugins/realtime/RealtimeHub.h>
#include <motel/plugins/realtime/RealtimeNames.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/Principal.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace motel::sdk::testing {

class FakeRealtimeHub : public plugins::realtime::RealtimeHub, public std::enable_shared_from_this<FakeRealtimeHub> {
public:
    struct Emit {
        std::string channel;
        plugins::realtime::Audience to;
        std::string event; ///< as clients see it: `<channel>:<event>`
        Poco::Dynamic::Var payload;
    };
    struct RoomChange {
        std::string channel;
        plugins::realtime::Audience who;
        std::string room;
        bool join = true;
    };
    /// What the client's ack would carry: `{"ok":true,"data"}` or the error envelope's fields.
    struct Ack {
        bool ok = false;
        Poco::Dynamic::Var data;
        int statusCode = 0;
        std::vector<std::string> messages;
    };

    std::shared_ptr<plugins::realtime::RealtimeChannel> open(const std::string& name) override {
        if (!plugins::realtime::validChannelName(name))
            throw std::logic_error("realtime: channel name '" + name + "' is reserved or malformed");
        std::lock_guard<std::mutex> lock(mutex_);
        if (!open_.insert(name).second) throw std::logic_error("realtime: channel '" + name + "' is already open");
        return std::make_shared<Channel>(shared_from_this(), name);
    }

    /// Calls the handler of client event `event` (`<channel>:<event>`) as
    /// `caller` from socket `socketId`. Throws std::logic_error when no
    /// handler is registered (the real hub ignores such an event).
    Ack call(const std::string& event, const Principal& caller, const Poco::Dynamic::Var& payload = {},
             const std::string& socketId = "test-socket") {
        Handler handler;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            const auto found = handlers_.find(event);
            if (found == handlers_.end()) throw std::logic_error("no handler for client event '" + event + "'");
            handler = found->second;
        }
        Ack ack;
        if (!handler.access.roles.empty() && !caller.hasAnyRole(handler.access.roles)) {
            ack.statusCode = 403;
            ack.messages = {"Forbidden resource"};
            return ack;
        }
        plugins::realtime::ClientEvent call{handler.event, payload, caller, socketId};
        try {
            ack.data = handler.fn(call);
            ack.ok = true;
        } catch (const HttpError& error) {
            ack.statusCode = error.status();
            ack.messages = error.messages();
        } catch (...) {
            ack.statusCode = 500;
            ack.messages = {"Internal server error"};
        }
        return ack;
    }

    /// Registered client events, `<channel>:<event>`.
    std::vector<std::string> handlers() const {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<std::string> names;
        for (const auto& entry : handlers_) names.push_back(entry.first);
        return names;
    }
    std::vector<Emit> emits() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return emits_;
    }
    std::vector<RoomChange> roomChanges() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return roomChanges_;
    }
    bool isOpen(const std::string& channel) const {
        std::lock_guard<std::mutex> lock(mutex_);
        return open_.count(channel) > 0;
    }

private:
    struct Handler {
        std::string event;
        Access access;
        plugins::realtime::ClientEventHandler fn;
    };

    class Channel : public plugins::realtime::RealtimeChannel {
    public:
        Channel(std::shared_ptr<FakeRealtimeHub> hub, std::string name)
            : hub_(std::move(hub)), name_(std::move(name)) {}
        ~Channel() override { close(); }
        const std::string& name() const override { return name_; }
        void on(const std::string& event, Access access, plugins::realtime::ClientEventHandler handler) override {
            if (!plugins::realtime::validEventName(event))
                throw std::logic_error("realtime: client event name '" + event + "' is malformed");
            std::lock_guard<std::mutex> lock(hub_->mutex_);
            if (closed_) throw std::logic_error("realtime: channel '" + name_ + "' is closed");
            const std::string full = plugins::realtime::clientEventName(name_, event);
            if (!hub_->handlers_.emplace(full, Handler{event, std::move(access), std::move(handler)}).second)
                throw std::logic_error("realtime: client event '" + full + "' already has a handler");
        }
        bool emit(const plugins::realtime::Audience& to, const std::string& event,
                  const Poco::Dynamic::Var& payload) override {
            if (!plugins::realtime::validEventName(event) || !wellFormed(to)) return false;
            std::lock_guard<std::mutex> lock(hub_->mutex_);
            if (closed_) return false;
            hub_->emits_.push_back({name_, to, plugins::realtime::clientEventName(name_, event), payload});
            return true;
        }
        bool join(const plugins::realtime::Audience& who, const std::string& room) override {
            return move(who, room, true);
        }
        bool leave(const plugins::realtime::Audience& who, const std::string& room) override {
            return move(who, room, false);
        }
        void close() override {
            std::lock_guard<std::mutex> lock(hub_->mutex_);
            if (closed_) return;
            closed_ = true;
            hub_->open_.erase(name_);
            const std::string prefix = name_ + ":";
            for (auto it = hub_->handlers_.begin(); it != hub_->handlers_.end();)
                it = it->first.rfind(prefix, 0) == 0 ? hub_->handlers_.erase(it) : std::next(it);
        }

    private:
        static bool wellFormed(const plugins::realtime::Audience& audience) {
            using Kind = plugins::realtime::Audience::Kind;
            switch (audience.kind) {
            case Kind::everyone:
                return true;
            case Kind::user:
                return audience.userId > 0;
            default:
                return plugins::realtime::validRoomName(audience.name);
            }
        }
        bool move(const plugins::realtime::Audience& who, const std::string& room, bool join) {
            using Kind = plugins::realtime::Audience::Kind;
            if ((who.kind != Kind::user && who.kind != Kind::socket) || !wellFormed(who) ||
                !plugins::realtime::validRoomName(room))
                return false;
            std::lock_guard<std::mutex> lock(hub_->mutex_);
            if (closed_) return false;
            hub_->roomChanges_.push_back({name_, who, room, join});
            return true;
        }

        std::shared_ptr<FakeRealtimeHub> hub_;
        const std::string name_;
        bool closed_ = false; ///< guarded by hub_->mutex_
    };

    mutable std::mutex mutex_;
    std::set<std::string> open_;
    std::map<std::string, Handler> handlers_;
    std::vector<Emit> emits_;
    std::vector<RoomChange> roomChanges_;
};

} // namespace motel::sdk::testing
