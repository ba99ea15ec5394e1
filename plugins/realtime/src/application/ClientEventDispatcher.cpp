#include "application/ClientEventDispatcher.h"

#include "application/AckReply.h"
#include "engine/EngineSession.h"
#include "socketio/SocketIoConnection.h"
#include "socketio/SocketIoSocket.h"
#include "socketio/SocketPacket.h"

#include <motel/sdk/Errors.h>
#include <motel/sdk/ExceptionText.h>

#include <Poco/JSON/Array.h>

namespace motel::realtime {

namespace {

/// One call waiting for its answer; touched on the socket's loop only.
struct PendingCall {
    bool answered = false;
    IoLoop::TimerId budgetTimer;
};

Poco::Dynamic::Var firstArgument(const SocketPacket& packet) {
    if (!packet.data || packet.data->type() != typeid(Poco::JSON::Array::Ptr)) return {};
    const auto& array = packet.data->extract<Poco::JSON::Array::Ptr>();
    if (!array || array->size() < 2) return {};
    return array->get(1);
}

} // namespace

ClientEventDispatcher::ClientEventDispatcher(std::shared_ptr<ClientEventRegistry> registry, HandlerPool& pool,
                                             std::chrono::milliseconds budget, Poco::Logger& logger,
                                             HandlerCallStats* stats)
    : registry_(std::move(registry)), pool_(pool), budget_(budget), logger_(logger), stats_(stats) {}

bool ClientEventDispatcher::dispatch(SocketIoSocket& socket, const SocketPacket& packet) {
    const std::string name = packet.eventName();
    if (name.find(':') == std::string::npos) return false;
    auto route = registry_->find(name);
    if (!route) return false;
    const std::optional<std::uint64_t> ackId = packet.id;
    HandlerCallStats* stats = stats_;
    const auto refuse = [&socket, &ackId, stats](int status, const std::string& message) {
        if (stats) stats->answered(status);
        if (ackId) socket.ack(*ackId, AckReply::error(status, message));
        return true;
    };
    if (!socket.principal()) return refuse(401, "Unauthorized");
    if (!route->access.roles.empty() && !socket.principal()->hasAnyRole(route->access.roles))
        return refuse(403, "Forbidden resource");
    if (!packet.attachments.empty()) return refuse(400, "binary attachments are not accepted by plugin events");

    plugins::realtime::ClientEvent event;
    event.name = route->event;
    event.payload = firstArgument(packet);
    event.principal = *socket.principal();
    event.socketId = socket.id();

    IoLoop& loop = socket.connection().session().loop();
    auto pending = std::make_shared<PendingCall>();
    std::weak_ptr<const void> alive = socket.lifetime();
    SocketIoSocket* target = &socket;
    // Runs on the loop: answers once, if the socket is still there.
    auto answer = [pending, alive, target, ackId, stats, &loop](const Answer& reply) {
        if (pending->answered) return false;
        pending->answered = true;
        loop.cancel(pending->budgetTimer);
        if (stats) stats->answered(reply.status);
        if (ackId && alive.lock()) target->ack(*ackId, reply.ack);
        return true;
    };
    const bool queued = pool_.submit([this, route, event = std::move(event), answer, &loop]() {
        Answer reply = invoke(*route, event);
        loop.post([answer, reply = std::move(reply), route, this]() {
            if (!answer(reply))
                logger_.warning("realtime: the handler of '%s' answered after its budget; its result was dropped",
                                ClientEventRegistry::fullName(route->channel, route->event));
        });
    });
    if (!queued) {
        logger_.warning("realtime: no room for a call of '%s' (handlerQueue full or stopping)", name);
        answer(Answer{503, AckReply::error(503, "the server is busy, try again")});
        return true;
    }
    // Set after submit: the handler's answer is posted to this loop, which
    // runs it only after this function returned.
    pending->budgetTimer = loop.runAfter(budget_, [answer, name, this]() {
        if (answer(Answer{504, AckReply::error(504, "the handler did not answer in time")}))
            logger_.warning("realtime: the handler of '%s' overran its budget of %ldms", name,
                            static_cast<long>(budget_.count()));
    });
    return true;
}

ClientEventDispatcher::Answer ClientEventDispatcher::invoke(const ClientEventRoute& route,
                                                            const plugins::realtime::ClientEvent& event) const {
    ChannelCalls::Scope scope(*route.calls);
    if (!scope.entered()) return {503, AckReply::error(503, "the handler is not available")};
    try {
        return {200, AckReply::ok(route.handler(event))};
    } catch (const sdk::HttpError& error) {
        return {error.status(), AckReply::error(error.status(), error.messages(), error.messageIsList())};
    } catch (...) {
        // The text may hold internals: the log gets it, the client does not.
        logger_.error("realtime: the handler of '%s' failed: %s",
                      ClientEventRegistry::fullName(route.channel, route.event), sdk::describeCurrentException());
        return {500, AckReply::error(500, "Internal server error")};
    }
}

} // namespace motel::realtime
