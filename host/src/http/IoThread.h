#pragma once

#include "http/EventLoop.h"
#include "http/FileDescriptor.h"
#include "http/HttpParser.h"
#include "http/HttpServerOptions.h"
#include "http/InlineDispatchPolicy.h"

#include <motel/sdk/Errors.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>

namespace motel::host {

class HttpConnection;
class RequestExecutor;
class WorkerPool;

/// One I/O thread of the HTTP server: an EventLoop on its own thread plus the
/// connections it serves and what they share (options, the read buffer, the
/// worker pool). Connections never move between I/O threads; the server picks
/// the thread by descriptor (fd % ioThreads), see HttpServer::loopFor().
class IoThread {
public:
    /// What the server learns when a connection closes or is handed over.
    struct ClosedConnection {
        const std::string& peerAddress;
        int fd;          ///< the descriptor (still open when handed over)
        bool handedOver; ///< taken over by a plugin, not closed
        bool refused;    ///< opened only to be refused (over a connection cap)
    };
    using ClosedHandler = std::function<void(const ClosedConnection&)>;

    /// `onConnectionClosed` runs on this thread whenever one of its
    /// connections closes or is handed over.
    IoThread(const HttpServerOptions& options, WorkerPool& workers, const RequestExecutor& executor,
             const std::atomic<bool>& stopping, ClosedHandler onConnectionClosed);
    ~IoThread();
    IoThread(const IoThread&) = delete;
    IoThread& operator=(const IoThread&) = delete;

    void start();
    /// Closes every connection, ends the loop and joins the thread.
    void stop();

    /// Starts serving an accepted socket. Loop thread only.
    void adopt(FileDescriptor socket, std::string peerAddress);
    /// Answers an accepted socket with `error` and closes it (HttpConnection::refuse). Loop thread only.
    void refuse(FileDescriptor socket, std::string peerAddress, const sdk::HttpError& error);
    /// Graceful stop: closes connections with no request in flight; the
    /// others close once their response is written. Loop thread only.
    void beginShutdown();
    /// Closes every connection now (answers in flight are dropped). Loop thread only.
    void closeConnections();
    std::size_t connectionCount() const { return connections_.size(); }

    // What connections share.
    EventLoop& loop() { return loop_; }
    const HttpServerOptions& options() const { return options_; }
    const HttpParserLimits& parserLimits() const { return parserLimits_; }
    WorkerPool& workers() { return workers_; }
    const RequestExecutor& executor() const { return executor_; }
    bool stopping() const { return stopping_.load(std::memory_order_relaxed); }
    InlineDispatchPolicy& inlinePolicy() { return inlinePolicy_; }
    /// Scratch space for reads; only valid until the next read on this thread.
    char* readBuffer() { return readBuffer_.get(); }
    static constexpr std::size_t readBufferSize = 64 * 1024;

    /// Called by a connection when it closes or hands its socket over.
    void connectionClosed(const HttpConnection& connection, int fd, bool handedOver);

private:
    const HttpServerOptions& options_;
    HttpParserLimits parserLimits_;
    WorkerPool& workers_;
    const RequestExecutor& executor_;
    const std::atomic<bool>& stopping_;
    ClosedHandler onConnectionClosed_;
    std::unique_ptr<char[]> readBuffer_;
    InlineDispatchPolicy inlinePolicy_;
    std::unordered_map<int, HttpConnection*> connections_; ///< non-owning; the loop's watches own them
    EventLoop loop_;
    std::thread thread_;
};

} // namespace motel::host
