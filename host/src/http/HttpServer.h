#pragma once

#include "http/ConnectionTakeover.h"
#include "http/EventLoop.h"
#include "http/FileDescriptor.h"
#include "http/ConnectionLimiter.h"
#include "http/HttpServerOptions.h"
#include "http/IoThread.h"
#include "http/RequestDispatch.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace motel::host {

class HttpListener;
class IoThread;
class RequestExecutor;
class WorkerPool;

/// The host's HTTP/1.1 front end. Replaces Poco's thread-per-connection
/// HTTPServer: `ioThreads` epoll loops own every connection (thousands of idle
/// or slow clients cost memory, not threads), complete requests run `dispatch`
/// on a bounded pool of `workerThreads`, and responses go back in order on
/// each connection. Keep-alive (HTTP/1.1 by default, HTTP/1.0 on request),
/// pipelining, `Expect: 100-continue`, Content-Length and chunked bodies.
/// The server itself answers malformed requests (400), oversized heads (431)
/// and bodies (413), unsupported transfer codings (501), a full queue (503),
/// slow heads/bodies (408), and exceptions from dispatch (500), always with the
/// API's error envelope.
///
/// Every request carries an sdk::Exchange (`Request::exchange`). A handler
/// that defers its answer (long-polling) releases its worker at once: the
/// connection is parked on its I/O thread, costing memory only, until the
/// reply's send() from any thread; a client that hangs up, or stop(), closes
/// the reply (its onClose callbacks run) and later answers are dropped.
///
/// Connections may be claimed by the dispatcher (ConnectionTakeover, or
/// Exchange::takeOver) and then live on one of the server's loops: an adopted
/// socket belongs to loopFor(fd) (= EventLoop::current() inside the takeover
/// handler). The
/// loops run from startLoops() (or start()) to stop(), which may outlast
/// listening (start() to stopServing()), and exist until the server is destroyed:
/// after stop() their callbacks and posted tasks no longer run, so the owner
/// of adopted sockets removes and closes them in its own stop (no loop thread
/// races it any more). Destroy the server before unloading any library whose
/// callbacks may still be registered on its loops.
class HttpServer {
public:
    HttpServer(HttpServerOptions options, RequestDispatch dispatch);
    ~HttpServer(); ///< stop(0ms) if running
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Starts the I/O loops and the worker pool without listening, so that
    /// plugins can register on the loops before any request arrives (the
    /// host starts them before the first plugin). Does nothing when they run.
    void startLoops();
    /// Binds, listens (starting the loops first if need be). Throws
    /// std::runtime_error with the address in the message (`Cannot listen on
    /// 0.0.0.0:3001: Address already in use`), std::logic_error when already
    /// running or after stopServing().
    void start();
    /// The bound port (the ephemeral one when options.port was 0); 0 before start().
    std::uint16_t port() const { return port_; }
    /// Stops accepting, closes idle, half-received and parked (deferred)
    /// connections, lets requests already dispatched finish and be answered
    /// (with `Connection: close`) for up to `grace`, then closes everything and
    /// joins the threads. A handler still running after `grace` is waited for (a
    /// thread cannot be cancelled) but its answer is dropped. Must not be
    /// called from a dispatch (worker) or I/O thread. `notAccepting` runs once
    /// the listener is closed, before anything else: the host's drain (a
    /// client that reconnects then can only reach another host).
    void stop(std::chrono::milliseconds grace, const std::function<void()>& notAccepting = {});
    /// stop() without its last step: HTTP is over (listener closed, every
    /// connection closed, workers joined) but the loops keep running until
    /// stop(), for what plugins still have on them (the host stops its
    /// plugins in between). Same threading rules as stop().
    void stopServing(std::chrono::milliseconds grace, const std::function<void()>& notAccepting = {});

    bool running() const { return running_; }
    const HttpServerOptions& options() const { return options_; }
    /// Connections currently served (handed-over ones no longer count).
    std::size_t connectionCount() const { return connections_.load(); }

    /// The loop that serves descriptor `fd`: connections live on loop fd % ioThreads,
    /// so a socket taken over keeps its thread. Valid from startLoops() (or
    /// start()) until the server is destroyed; throws std::logic_error before.
    EventLoop& loopFor(int fd);
    std::size_t loopCount() const { return ioThreads_.size(); }
    EventLoop& loop(std::size_t index);

private:
    void onAccepted(FileDescriptor socket, std::string peerAddress);
    /// Answers `error` on a connection the server will not serve, then closes it.
    void refuse(FileDescriptor socket, std::string peerAddress, const sdk::HttpError& error);
    void onConnectionClosed(const IoThread::ClosedConnection& closed);

    /// Connections at once that are only being refused; beyond, a refused
    /// connection is closed without an answer.
    static constexpr std::size_t kMaxRefusing = 64;
    static constexpr int kRetryAfterSeconds = 5;
    void startLoopsLocked();
    void shutDownThreads();

    HttpServerOptions options_;
    RequestDispatch dispatch_;
    std::unique_ptr<RequestExecutor> executor_;
    std::unique_ptr<WorkerPool> workers_;
    std::vector<std::unique_ptr<IoThread>> ioThreads_;
    std::unique_ptr<HttpListener> listener_;
    std::uint16_t port_ = 0;
    std::atomic<bool> running_{false}; ///< listening
    bool loopsRunning_ = false;        ///< under lifecycleMutex_
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> connections_{0};
    std::atomic<std::size_t> refusing_{0};
    ConnectionLimiter limiter_;
    std::mutex lifecycleMutex_; ///< serialises start() and stop()
    std::mutex drainMutex_;
    std::condition_variable drained_;
};

} // namespace motel::host
