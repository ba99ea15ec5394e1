#include "http/HttpServer.h"

#include "http/FileDescriptor.h"
#include "http/HttpListener.h"
#include "http/IoThread.h"
#include "http/RequestExecutor.h"
#include "http/WorkerPool.h"

#include <future>
#include <memory>
#include <stdexcept>
#include <vector>

namespace motel::host {

HttpServer::HttpServer(HttpServerOptions options, RequestDispatch dispatch)
    : options_(std::move(options)), dispatch_(std::move(dispatch)), limiter_(options_.maxConnectionsPerAddress) {
    if (options_.ioThreads == 0) options_.ioThreads = 1;
    if (options_.workerThreads == 0) options_.workerThreads = 1;
}

HttpServer::~HttpServer() {
    try {
        stop(std::chrono::milliseconds(0));
    } catch (...) {
    }
    ioThreads_.clear(); // the loops, with whatever adopted sockets left on them
}

void HttpServer::startLoops() {
    std::lock_guard<std::mutex> lifecycle(lifecycleMutex_);
    startLoopsLocked();
}

void HttpServer::startLoopsLocked() {
    if (loopsRunning_) return;
    if (!dispatch_) throw std::invalid_argument("HttpServer needs a dispatch function");
    stopping_ = false;
    ioThreads_.clear(); // loops kept from an earlier run
    try {
        executor_ = std::make_unique<RequestExecutor>(dispatch_, options_.trustForwardedFor, &stopping_,
                                                      options_.reviseCost, options_.clock);
        workers_ = std::make_unique<WorkerPool>(options_.workerThreads, options_.maxQueuedRequests);
        for (unsigned i = 0; i < options_.ioThreads; ++i)
            ioThreads_.push_back(std::make_unique<IoThread>(
                options_, *workers_, *executor_, stopping_,
                [this](const IoThread::ClosedConnection& closed) { onConnectionClosed(closed); }));
        for (auto& io : ioThreads_) io->start();
    } catch (...) {
        shutDownThreads();
        throw;
    }
    loopsRunning_ = true;
}

void HttpServer::start() {
    std::lock_guard<std::mutex> lifecycle(lifecycleMutex_);
    if (running_) throw std::logic_error("HttpServer already running");
    if (loopsRunning_ && stopping_) throw std::logic_error("HttpServer::start after stopServing: stop() it first");
    const bool ownLoops = !loopsRunning_;
    startLoopsLocked();
    try {
        listener_ = std::make_unique<HttpListener>(options_.host, options_.port);
        // The accept loop already runs: the listener joins it on its thread.
        std::promise<void> attached;
        ioThreads_.front()->loop().post([this, &attached] {
            try {
                listener_->attach(ioThreads_.front()->loop(), [this](FileDescriptor socket, std::string peer) {
                    onAccepted(std::move(socket), std::move(peer));
                });
                attached.set_value();
            } catch (...) {
                attached.set_exception(std::current_exception());
            }
        });
        attached.get_future().get();
    } catch (...) {
        listener_.reset();
        if (ownLoops) {
            shutDownThreads();
            loopsRunning_ = false;
        }
        throw;
    }
    port_ = listener_->port();
    running_ = true;
}

void HttpServer::onAccepted(FileDescriptor socket, std::string peerAddress) {
    if (!limiter_.admit(peerAddress)) {
        refuse(std::move(socket), std::move(peerAddress),
               sdk::TooManyRequests("Too many connections from your address", kRetryAfterSeconds));
        return;
    }
    if (connections_.load() >= options_.maxConnections) {
        limiter_.closed(peerAddress);
        refuse(std::move(socket), std::move(peerAddress),
               sdk::HttpError(503, "The server has too many connections; try again shortly")
                   .withHeader("Retry-After", std::to_string(kRetryAfterSeconds)));
        return;
    }
    ++connections_;
    const int fd = socket.get();
    IoThread& io = *ioThreads_[static_cast<std::size_t>(fd) % ioThreads_.size()];
    if (&io.loop() == EventLoop::current()) {
        io.adopt(std::move(socket), std::move(peerAddress));
        return;
    }
    // std::function needs a copyable task; the descriptor travels in a shared_ptr.
    auto shared = std::make_shared<FileDescriptor>(std::move(socket));
    io.loop().post(
        [&io, shared, peer = std::move(peerAddress)]() mutable { io.adopt(std::move(*shared), std::move(peer)); });
}

void HttpServer::refuse(FileDescriptor socket, std::string peerAddress, const sdk::HttpError& error) {
    // Answering costs a connection for up to the linger time; past a small
    // allowance of those the socket is just closed (a flood gets no answers).
    if (refusing_.load() >= kMaxRefusing) return;
    ++refusing_;
    const int fd = socket.get();
    IoThread& io = *ioThreads_[static_cast<std::size_t>(fd) % ioThreads_.size()];
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
        --refusing_;
        return;
    }
    if (closed.handedOver)
        limiter_.handedOver(closed.peerAddress, closed.fd);
    else
        limiter_.closed(closed.peerAddress);
    if (--connections_ == 0 && stopping_.load()) {
        std::lock_guard<std::mutex> lock(drainMutex_);
        drained_.notify_all();
    }
}

void HttpServer::stop(std::chrono::milliseconds grace, const std::function<void()>& notAccepting) {
    stopServing(grace, notAccepting);
    std::lock_guard<std::mutex> lifecycle(lifecycleMutex_);
    if (!loopsRunning_) return;
    shutDownThreads();
    loopsRunning_ = false;
}

void HttpServer::stopServing(std::chrono::milliseconds grace, const std::function<void()>& notAccepting) {
    std::lock_guard<std::mutex> lifecycle(lifecycleMutex_);
    if (!running_) return;
    running_ = false;
    const auto deadline = std::chrono::steady_clock::now() + grace;

    // 1. Stop accepting, on the listener's own thread.
    {
        std::promise<void> closed;
        EventLoop& acceptLoop = ioThreads_.front()->loop();
        acceptLoop.post([this, &closed] {
            listener_->close();
            closed.set_value();
        });
        closed.get_future().wait();
    }
    // Only now do answers say `Connection: close`: a client told so earlier
    // reconnects at once, its connection waits in the listen backlog, and
    // closing the listener resets it after the client sent its request.
    stopping_ = true;
    if (notAccepting) notAccepting();
    // 2. Close what has no request in flight; the rest closes after answering.
    for (auto& io : ioThreads_) {
        IoThread* thread = io.get();
        thread->loop().post([thread] { thread->beginShutdown(); });
    }
    // 3. Wait for in-flight requests, up to the grace period.
    {
        std::unique_lock<std::mutex> lock(drainMutex_);
        drained_.wait_until(lock, deadline, [this] { return connections_.load() == 0; });
    }
    // 4. Close the rest, then wait for the handlers still running (their
    // answers are dropped). The loops go on for what plugins have on them.
    std::vector<std::future<void>> closedAll;
    for (auto& io : ioThreads_) {
        auto done = std::make_shared<std::promise<void>>();
        closedAll.push_back(done->get_future());
        IoThread* thread = io.get();
        thread->loop().post([thread, done] {
            thread->closeConnections();
            done->set_value();
        });
    }
    for (auto& closed : closedAll) closed.wait();
    if (workers_) workers_->stop(true);
}

void HttpServer::shutDownThreads() {
    for (auto& io : ioThreads_) io->stop();
    if (workers_) workers_->stop(true);
    // The loops themselves stay until the destructor (or the next start()):
    // late responses from workers are posted to them, and owners of adopted
    // sockets may still remove and close those after stop().
    listener_.reset();
    workers_.reset();
    executor_.reset();
    connections_ = 0;
    refusing_ = 0;
}

EventLoop& HttpServer::loopFor(int fd) {
    if (ioThreads_.empty()) throw std::logic_error("HttpServer has not been started");
    return ioThreads_[static_cast<std::size_t>(fd < 0 ? 0 : fd) % ioThreads_.size()]->loop();
}

EventLoop& HttpServer::loop(std::size_t index) {
    return ioThreads_.at(index)->loop();
}

} // namespace motel::host
