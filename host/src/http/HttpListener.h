#pragma once

#include "http/EventLoop.h"
#include "http/FileDescriptor.h"

#include <cstdint>
#include <functional>
#include <string>

namespace motel::host {

/// The listening socket of the HTTP server. The constructor binds and listens
/// (so "address in use" surfaces as an exception from HttpServer::start(),
/// with the address in the message); attach() then accepts on an EventLoop
/// and hands every new connection, non-blocking with TCP_NODELAY, to a
/// callback. When the process runs out of descriptors it pauses accepting
/// briefly instead of spinning.
class HttpListener {
public:
    using AcceptHandler = std::function<void(FileDescriptor socket, std::string peerAddress)>;

    /// Throws std::runtime_error ("Cannot listen on 0.0.0.0:3001: Address already in use").
    HttpListener(const std::string& host, std::uint16_t port);
    ~HttpListener();
    HttpListener(const HttpListener&) = delete;
    HttpListener& operator=(const HttpListener&) = delete;

    /// The bound port (the real one when 0 was asked for).
    std::uint16_t port() const { return port_; }

    /// Starts accepting on `loop` (its thread, or before it runs).
    void attach(EventLoop& loop, AcceptHandler onAccept);
    /// Stops accepting and closes the socket (on the loop's thread).
    void close();

    /// "1.2.3.4" or "::1" for a socket address (IPv4-mapped IPv6 shown as IPv4).
    static std::string addressText(const void* sockaddrStorage);

private:
    void acceptPending();

    FileDescriptor socket_;
    std::uint16_t port_ = 0;
    EventLoop* loop_ = nullptr;
    AcceptHandler onAccept_;
    bool paused_ = false;
};

} // namespace motel::host
