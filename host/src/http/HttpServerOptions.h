#pragma once

#include "http/EventLoop.h"
#include "http/InlineDispatchPolicy.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace motel::host {

/// Settings of the HTTP front end (HttpServer). The defaults suit one host
/// behind or without a reverse proxy; config maps its `http.*` keys onto them.
struct HttpServerOptions {
    std::string host = "0.0.0.0";           ///< address to bind (IPv4 or IPv6 literal, or a name)
    std::uint16_t port = 3001;              ///< 0 = ephemeral; see HttpServer::port()
    std::size_t maxBodyBytes = 1024 * 1024; ///< 413 beyond (checked from Content-Length first)
    std::size_t maxHeaderBytes = 16 * 1024; ///< request line + headers; 431 beyond
    unsigned ioThreads = 1;                 ///< epoll loops; one is plenty below ~50k requests/s
    unsigned workerThreads = 16;            ///< dispatch threads, started on demand up to this many
    std::size_t maxConnections = 10000;     ///< further connections get a 503 and are closed
    /// Connections one peer address may hold at once, WebSockets taken over
    /// included; further ones get a 429 and are closed. 0: no cap. The host
    /// sets 0 when it trusts a proxy (every peer is then the proxy).
    std::size_t maxConnectionsPerAddress = 0;
    std::size_t maxQueuedRequests = 4096;           ///< requests waiting for a worker; 503 beyond
    std::chrono::milliseconds headerTimeout{10000}; ///< connect/first byte → end of headers; 408 then close
    std::chrono::milliseconds bodyTimeout{30000};   ///< end of headers → end of body; 408 then close
    std::chrono::milliseconds idleTimeout{60000};   ///< keep-alive connection without a request; closed
    std::chrono::milliseconds writeTimeout{30000};  ///< no write progress for this long; closed
    bool trustForwardedFor = false;                 ///< take remoteAddress from X-Forwarded-For (behind nginx)
    /// Let an I/O thread dispatch GET/HEAD request types that proved trivially
    /// fast and non-blocking on the pool itself (see InlineDispatchPolicy).
    bool inlineFastHandlers = true;
    /// Replaces what each dispatch measured (method, target, measurement);
    /// empty keeps the measurement. For tests of the inline decision: CPU
    /// time under sanitizers or load says little about the handler.
    using CostReviser = std::function<DispatchCost(const std::string&, const std::string&, const DispatchCost&)>;
    CostReviser reviseCost;
    /// The I/O loops' clock (timeouts, deadlines); empty: the steady clock.
    /// Tests inject a manual clock to cross a timeout without waiting for it.
    EventLoop::TimeSource clock;
};

} // namespace motel::host
