#pragma once

#include <functional>
#include <string>

namespace motel::host {

/// Lets a request's dispatcher claim the connection for another protocol
/// (the WebSocket upgrade of the realtime plugin). One per request; handlers
/// reach it through sdk::Exchange::takeOver (HttpExchange).
///
/// During dispatch, set the response (typically 101 Switching Protocols with
/// `Upgrade` and `Connection: Upgrade`; the server then keeps the handler's
/// `Connection` header and sends no Content-Length for 1xx) and call
/// claim(handler). Once that response is completely written, the server stops
/// watching the socket and calls `handler(fd, alreadyReadBytes)` on the I/O
/// thread that served it:
///   - `fd` is a connected, non-blocking TCP socket (O_NONBLOCK, TCP_NODELAY,
///     close-on-exec); ownership passes to the handler, which must close it;
///   - `alreadyReadBytes` are bytes the client sent after the request that the
///     server had already read (e.g. the first WebSocket frame);
///   - EventLoop::current() (or HttpServer::loopFor(fd)) is that thread's loop,
///     where the handler may register the socket.
/// If the connection dies before the response is written, the handler is never
/// called and the server closes the socket. Exceptions thrown by the handler
/// are logged and swallowed (the socket is then the handler's to close).
class ConnectionTakeover {
public:
    using Handler = std::function<void(int fd, std::string alreadyReadBytes)>;

    /// Claims the connection; a later call replaces the handler.
    void claim(Handler handler) { handler_ = std::move(handler); }
    bool claimed() const { return static_cast<bool>(handler_); }
    /// Forgets a claim (used when dispatch fails after claiming).
    void release() { handler_ = nullptr; }
    /// Moves the handler out (server use).
    Handler take() { return std::move(handler_); }

private:
    Handler handler_;
};

} // namespace motel::host
