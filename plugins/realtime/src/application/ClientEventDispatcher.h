#pragma once
/// Runs the plugin handler of a client event (RealtimeHub): on the socket's
/// loop it checks the caller against the handler's access rule, then hands
/// the call to the HandlerPool and acks the client on the loop once the
/// handler returned, failed, or overran its budget, whichever comes first
/// (RealtimeHub.h, "Threads" and "Acks"). The socket may be gone by then:
/// the answer is dropped.

#include "application/ClientEventRegistry.h"
#include "application/HandlerCallStats.h"
#include "application/HandlerPool.h"

#include <Poco/Logger.h>

#include <chrono>
#include <memory>

namespace motel::realtime {

class SocketIoSocket;
struct SocketPacket;

class ClientEventDispatcher {
public:
    /// `stats` may be null.
    ClientEventDispatcher(std::shared_ptr<ClientEventRegistry> registry, HandlerPool& pool,
                          std::chrono::milliseconds budget, Poco::Logger& logger, HandlerCallStats* stats = nullptr);

    /// Loop thread. False when no plugin handles the event (the caller
    /// keeps its own behaviour).
    bool dispatch(SocketIoSocket& socket, const SocketPacket& packet);

    struct Answer {
        int status = 200;
        std::string ack; ///< the ack's argument (AckReply)
    };
    /// The answer to one call of `route` (runs the handler; never throws).
    Answer invoke(const ClientEventRoute& route, const plugins::realtime::ClientEvent& event) const;

private:
    std::shared_ptr<ClientEventRegistry> registry_;
    HandlerPool& pool_;
    const std::chrono::milliseconds budget_;
    Poco::Logger& logger_;
    HandlerCallStats* stats_;
};

} // namespace motel::realtime
