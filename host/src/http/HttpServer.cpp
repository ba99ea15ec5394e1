#include "http/HttpServer.h"

#include "http/FileDescriptor.h"
#include "http/HttpListener.h"
#include "http/IoThread.h"
#include "http/RequestExecutor.h"
#include "http/WorkerPool.h"

#include <future>
#include <stdexcept>

namespace motel::host {

HttpServer::HttpServer(HttpServerOptions options, RequestDispatch dispatch)
    : _options(std::move(options)), _dispatch(std::move(dispatch)), _limiter(_options.maxConnectionsPerAddress) {
    if (_options.ioThreads == 0) _options.ioThreads = 1;
    if (_options.workerThreads == 0) _options.workerThreads = 1;
}

HttpServer::~HttpServer() {
    try {
        stop(std::chrono::milliseconds(0));
    } catch (...) {
    }
    _ioThreads.clear(); // the loops, with whatever adopted sockets left on them
}

void HttpServer::start() {
    std::lock_guard<std::mutex> lifecycle(_lifecycleMutex);
    if (_running) throw std::logic_error("HttpServer already running");
    if (!_dispatch) throw std::invalid_argument("HttpServer needs a dispatch function");
    _stopping = false;
    _ioThreads.clear(); // loops kept from an earlier run
    try {
        _listener = std::make_unique<HttpListener>(_options.host, _options.port);
        _executor =
            std::make_unique<RequestExecutor>(_dispatch, _options.trustForwardedFor, &_stopping, _options.reviseCost);
        _workers = std::make_unique<WorkerPool>(_options.workerThreads, _options.maxQueuedRequests);
        for (unsigned i = 0; i < _options.ioThreads; ++i)
            _ioThreads.push_back(std::make_unique<IoThread>(
                _options, *_workers, *_executor, _stopping,
                [this](const IoThread::ClosedConnection& closed) { onConnectionClosed(closed); }));
        _listener->attach(_ioThreads.front()->loop(),
                          [this](FileDescriptor socket, std::string peer) { onAccepted(std::move(socket), std::move(peer)); });
        for (auto& io : _ioThreads) io->start();
    } catch (...) {
        shutDownThreads();
        throw;
    }
    _port = _listener->port();
    _running = true;
}

void HttpServer::onAccepted(FileDescriptor socket, std::string peerAddress) {
    if (!_limiter.admit(peerAddress)) {
        refuse(std::move(socket), std::move(peerAddress),
               sdk::TooManyRequests("Too many connections from your address", kRetryAfterSeconds));
        return;
    }
    if (_connections.load() >= _options.maxConnections) {
        _limiter.closed(peerAddress);
        refuse(std::move(socket), std::move(peerAddress),
               sdk::HttpError(503, "The server has too many connections; try again shortly")
                   .withHeader("Retry-After", std::to_string(kRetryAfterSeconds)));
        return;
    }
    ++_connections;
    const int fd = socket.get();
    IoThread& io = *_ioThreads[static_cast<std::size_t>(fd) % _ioThreads.size()];
    if (&io.loop() == EventLoop::current()) {
        io.adopt(std::move(socket), std::move(peerAddress));
        return;
    }
    // std::function needs a copyable task; the descriptor travels in a shared_ptr.
    auto shared = std::make_shared<FileDescriptor>(std::move(socket));
    io.loop().post([&io, shared, peer = std::move(peerAddress)]() mutable { io.adopt(std::move(*shared), std::move(peer)); });
}

void HttpServer::refuse(FileDescriptor socket, std::string peerAddress, const sdk::HttpError& error) {
    // Answering costs a connection for up to the linger time; past a small
    // allowance of those the socket is just closed (a flood gets no answers).
    if (_refusing.load() >= kMaxRefusing) return;
    ++_refusing;
    const int fd = socket.get();
    IoThread& io = *_ioThreads[static_cast<std::size_t>(fd) % _ioThreads.size()];
    auto shared = std::make_shared<FileDescriptor>(std::move(socket));
    auto answer = std::make_shared<sdk::HttpError>(error);
    auto task = [&io, shared, answer, peer = std::move(peerAddress)]() mutable {
        io.refuse(std::move(*shared), std::move(peer), *answer);
    };
    if (&io.loop() == EventLoop::current())
        task();
    else
        io.loop().post(std::move(task));
}

void HttpServer::onConnectionClosed(const IoThread::ClosedConnection& closed) {
    if (closed.refused) {
        --_refusing;
        return;
    }
    if (closed.handedOver)
        _limiter.handedOver(closed.peerAddress, closed.fd);
    else
        _limiter.closed(closed.peerAddress);
    if (--_connections == 0 && _stopping.load()) {
        std::lock_guard<std::mutex> lock(_drainMutex);
        _drained.notify_all();
    }
}

void HttpServer::stop(std::chrono::milliseconds grace, const std::function<void()>& notAccepting) {
    std::lock_guard<std::mutex> lifecycle(_lifecycleMutex);
    if (!_running) return;
    _running = false;
    const auto deadline = std::chrono::steady_clock::now() + grace;
    _stopping = true;

    // 1. Stop accepting, on the listener's own thread.
    {
        std::promise<void> closed;
        EventLoop& acceptLoop = _ioThreads.front()->loop();
        acceptLoop.post([this, &closed] {
            _listener->close();
            closed.set_value();
        });
        closed.get_future().wait();
    }
    if (notAccepting) notAccepting();
    // 2. Close what has no request in flight; the rest closes after answering.
    for (auto& io : _ioThreads) {
        IoThread* thread = io.get();
        thread->loop().post([thread] { thread->beginShutdown(); });
    }
    // 3. Wait for in-flight requests, up to the grace period.
    {
        std::unique_lock<std::mutex> lock(_drainMutex);
        _drained.wait_until(lock, deadline, [this] { return _connections.load() == 0; });
    }
    // 4. Close the rest.
    shutDownThreads();
}

void HttpServer::shutDownThreads() {
    for (auto& io : _ioThreads) io->stop();
    if (_workers) _workers->stop(true);
    // The loops themselves stay until the destructor (or the next start()):
    // late responses from workers are posted to them, and owners of adopted
    // sockets may still remove and close those after stop().
    _listener.reset();
    _workers.reset();
    _executor.reset();
    _connections = 0;
    _refusing = 0;
}

EventLoop& HttpServer::loopFor(int fd) {
    if (_ioThreads.empty()) throw std::logic_error("HttpServer has not been started");
    return _ioThreads[static_cast<std::size_t>(fd < 0 ? 0 : fd) % _ioThreads.size()]->loop();
}

EventLoop& HttpServer::loop(std::size_t index) { return _ioThreads.at(index)->loop(); }

} // namespace motel::host
