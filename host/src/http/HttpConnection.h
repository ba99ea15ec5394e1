#pragma once

#include "http/ConnectionDeadline.h"
#include "http/ConnectionTakeover.h"
#include "http/DeferredHttpReply.h"
#include "http/EventLoop.h"
#include "http/FileDescriptor.h"
#include "http/HttpParser.h"
#include "http/PendingAnswer.h"
#include "http/RequestExecutor.h"

#include <motel/sdk/Errors.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace motel::host {

class IoThread;

/// One client connection, driven by its I/O thread's EventLoop (edge
/// triggered). It reads and parses requests, hands each complete one to the
/// worker pool, writes the response, and only then parses the next one, so
/// pipelined requests are answered in order and a client that does not read
/// its responses cannot make the server buffer more than one. Every phase has
/// a deadline (header, body, idle, write), so slow or silent clients cost a
/// few hundred bytes and are dropped, never a thread. Errors the server
/// answers itself (400, 408, 413, 431, 501, 503, 505) use the API envelope;
/// after one the connection is closed (with a short lingering read so the
/// client sees the answer instead of a reset). Request types that proved
/// trivially fast run on the I/O thread itself (InlineDispatchPolicy).
///
/// A handler may defer its answer (sdk::Exchange::defer): the connection is
/// then parked — no worker held, no deadline running, pipelined requests
/// waiting behind it — until the DeferredHttpReply's answer is posted to
/// this loop (answerDeferred). While parked it only watches for the client
/// hanging up; closing (client gone, server stopping) closes the reply.
/// The reply and the parked answer live in a PendingAnswer, the phase
/// deadlines in a ConnectionDeadline.
///
/// Lives on the loop thread; owned by shared_ptr (the loop's watch and any
/// request in flight), so it outlives every callback that touches it. Only
/// answerDeferred() and the reply factory given to the executor are called
/// from other threads.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
public:
    HttpConnection(IoThread& io, FileDescriptor socket, std::string peerAddress);
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    /// Starts watching the socket and the header deadline.
    void open();
    /// Answers `error` (its envelope, `Connection: close`) at once, without
    /// reading a request, then lingers and closes: a connection the server
    /// will not serve (over a connection cap) still gets a clear answer.
    void refuse(const sdk::HttpError& error);
    const std::string& peerAddress() const { return peerAddress_; }
    /// Whether this connection was only opened to be refused.
    bool refused() const { return refused_; }
    /// Server stopping: close now unless a request is in flight; otherwise
    /// close right after its response.
    void beginShutdown();
    /// Closes immediately (idempotent).
    void close();
    /// Posts the answer of this connection's deferred request to its loop;
    /// dropped once the connection closed. Any thread; never blocks on I/O.
    void answerDeferred(sdk::Response answer);

private:
    /// parked: the handler deferred; waiting for answerDeferred().
    enum class State { reading, dispatching, parked, writing, lingering, closed };
    enum class AfterWrite { keepAlive, close, handOver };
    using Clock = EventLoop::Clock;

    void onReadable();
    void onWritable();
    void onTimer();
    void drive();
    bool readOnce();
    std::size_t consume(const char* data, std::size_t size);
    void submit(ParsedRequest request);
    void runInline();
    HttpExchange::ReplyFactory replyFactory();
    std::shared_ptr<DeferredHttpReply> makeDeferredReply();
    void deliver(RequestExecutor::Outcome outcome, bool ranInline);
    void park(RequestExecutor::LaterAnswer later);
    void onDeferredAnswer(sdk::Response answer);
    void writeDeferredAnswer(sdk::Response answer);
    void closeIfHungUp();
    void fail(int status, const std::string& message);
    void respond(std::string bytes, AfterWrite after);
    bool flush();
    void onWriteComplete();
    void startLingering();
    void drainInput();
    void handOver();
    void setDeadline(Clock::time_point deadline);

    IoThread& io_;
    FileDescriptor socket_;
    const int fd_;
    const std::string peerAddress_;
    HttpParser parser_;
    State state_ = State::reading;
    AfterWrite afterWrite_ = AfterWrite::keepAlive;
    bool idle_ = false;          ///< between requests (idle timeout applies, not the header timeout)
    bool mayHaveInput_ = false;  ///< edge-triggered: the socket may hold unread bytes
    bool lingerOnClose_ = false; ///< unread request bytes may follow: read and drop them before closing
    bool shuttingDown_ = false;
    bool refused_ = false;
    std::string buffered_; ///< bytes read past the request in flight (pipelining)
    std::size_t bufferedOffset_ = 0;
    std::string output_; ///< response bytes not yet sent
    std::size_t outputOffset_ = 0;
    ConnectionTakeover::Handler takeover_;
    bool driving_ = false;                       ///< drive() is on the stack: don't re-enter it
    std::optional<ParsedRequest> inlineRequest_; ///< to be dispatched on this thread by drive()
    std::uint64_t requestType_ = 0;              ///< InlineDispatchPolicy type of the request in flight
    PendingAnswer pending_; ///< the deferred reply (shared with other threads) and the parked answer
    ConnectionDeadline deadline_;
};

} // namespace motel::host
