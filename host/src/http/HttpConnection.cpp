#include "http/HttpConnection.h"

#include "http/IoThread.h"
#include "http/ResponseSerializer.h"
#include "http/WorkerPool.h"
#include "routing/ErrorEnvelope.h"
#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <cerrno>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace motel::host {

namespace {

/// How long a connection that answered an error keeps reading (and dropping)
/// what the client still sends, so the client reads our answer instead of a
/// connection reset.
constexpr std::chrono::milliseconds lingerTime{2000};
/// After SIGTERM, how long a keep-alive connection stays open for the request
/// its client may already have sent (answered with `Connection: close`).
constexpr std::chrono::milliseconds shutdownDrainWindow{1000};

} // namespace

HttpConnection::HttpConnection(IoThread& io, FileDescriptor socket, std::string peerAddress)
    : io_(io), socket_(std::move(socket)), fd_(socket_.get()), peerAddress_(std::move(peerAddress)),
      parser_(io.parserLimits()), deadline_(io.loop()) {}

void HttpConnection::open() {
    auto self = shared_from_this();
    EventLoop::Handlers handlers;
    handlers.onReadable = [self] { self->onReadable(); };
    handlers.onWritable = [self] { self->onWritable(); };
    // Edge triggered, both directions, registered once: no epoll_ctl per request.
    io_.loop().add(fd_, Interest::readWrite, std::move(handlers), true);
    std::weak_ptr<HttpConnection> weak = self;
    deadline_.onTimer([weak] {
        if (auto connection = weak.lock()) connection->onTimer();
    });
    setDeadline(io_.loop().now() + io_.options().headerTimeout);
}

void HttpConnection::refuse(const sdk::HttpError& error) {
    refused_ = true;
    lingerOnClose_ = true; // the client's request may already be on its way: read and drop it
    sdk::Response response;
    renderError(error, response);
    ResponseFraming framing;
    framing.keepAlive = false;
    respond(ResponseSerializer::serialize(response, framing), AfterWrite::close);
}

void HttpConnection::beginShutdown() {
    shuttingDown_ = true;
    switch (state_) {
    case State::reading:
        // A request may be on its way (keep-alive clients send the next one
        // as soon as the last answer arrived): closing now would reset it.
        // Keep reading for a short drain window; a request that arrives is
        // answered with `Connection: close` (shuttingDown_), a silent
        // connection closes when the window ends (onTimer).
        if (!parser_.started()) setDeadline(std::min(deadline_.at(), io_.loop().now() + shutdownDrainWindow));
        break;
    case State::parked: // closing the reply lets its owner release it
    case State::lingering:
        close();
        break;
    case State::writing: // a keep-alive answer: onWriteComplete() gives the drain window
        break;
    case State::dispatching: // deliver() closes after the response
    case State::closed:
        break;
    }
}

void HttpConnection::close() {
    if (state_ == State::closed) return;
    state_ = State::closed;
    deadline_.cancel();
    io_.loop().remove(fd_);
    socket_.reset();
    pending_.forget();
    if (auto reply = pending_.stopAccepting())
        reply->close(); // runs its owner's onClose callbacks, here on the loop thread
    io_.connectionClosed(*this, fd_, false);
}

void HttpConnection::answerDeferred(sdk::Response answer) {
    // Posted under the lock close() takes: an open connection means a live loop.
    pending_.ifAccepting([&] {
        io_.loop().post([self = shared_from_this(), answer = std::move(answer)]() mutable {
            self->onDeferredAnswer(std::move(answer));
        });
    });
}

void HttpConnection::onReadable() {
    mayHaveInput_ = true;
    if (state_ == State::reading)
        drive();
    else if (state_ == State::lingering)
        drainInput();
    else if (state_ == State::parked)
        closeIfHungUp();
    // dispatching/parked/writing: the bytes wait until the current response is out.
}

void HttpConnection::onWritable() {
    if (output_.empty() || state_ == State::closed || state_ == State::lingering) return;
    if (flush() && state_ == State::writing) onWriteComplete();
}

void HttpConnection::drive() {
    // Iterative on purpose: an inline request answered here ends in
    // onWriteComplete(), which calls drive() again; that inner call returns
    // at once and this loop moves on to the next request.
    if (driving_) return;
    driving_ = true;
    int inlineBudget = 32; // then yield to the other connections of this loop
    for (;;) {
        if (inlineRequest_) {
            if (state_ != State::dispatching) { // closed meanwhile
                inlineRequest_.reset();
                break;
            }
            if (inlineBudget-- == 0) {
                auto self = shared_from_this();
                io_.loop().post([self] { self->drive(); });
                break;
            }
            runInline();
            continue;
        }
        if (state_ != State::reading) break;
        if (bufferedOffset_ < buffered_.size()) {
            bufferedOffset_ += consume(buffered_.data() + bufferedOffset_, buffered_.size() - bufferedOffset_);
            if (bufferedOffset_ >= buffered_.size()) {
                std::string().swap(buffered_);
                bufferedOffset_ = 0;
            }
            continue;
        }
        if (!mayHaveInput_ || !readOnce()) break;
    }
    driving_ = false;
}

bool HttpConnection::readOnce() {
    char* const buffer = io_.readBuffer();
    const ssize_t n = ::recv(fd_, buffer, IoThread::readBufferSize, 0);
    if (n > 0) {
        const auto size = static_cast<std::size_t>(n);
        // A short read drained the socket; new data raises a new edge.
        if (size < IoThread::readBufferSize) mayHaveInput_ = false;
        const std::size_t used = consume(buffer, size);
        // Bytes past a complete request wait for its response (pipelining).
        if (used < size && state_ == State::dispatching) buffered_.append(buffer + used, size - used);
        return true;
    }
    if (n < 0 && errno == EINTR) return true;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        mayHaveInput_ = false;
        return false;
    }
    close(); // EOF (the client closed or half-closed) or a socket error
    return false;
}

std::size_t HttpConnection::consume(const char* data, std::size_t size) {
    std::size_t used = 0;
    while (state_ == State::reading && used < size) {
        const HttpParser::Progress progress = parser_.feed(data + used, size - used);
        used += progress.consumed;
        switch (progress.event) {
        case HttpParser::Event::needMore:
            if (idle_ && parser_.started()) { // a new request began: the header clock starts
                idle_ = false;
                setDeadline(io_.loop().now() + io_.options().headerTimeout);
            }
            break;
        case HttpParser::Event::headersComplete: {
            idle_ = false;
            const ParsedRequest& request = parser_.request();
            // Ask for the body only if the client waits for us to (nothing of it arrived yet).
            if (request.expectsContinue && request.minorVersion >= 1 && used == size) {
                output_ += ResponseSerializer::continueResponse();
                if (!flush() && state_ == State::closed) return used;
            }
            setDeadline(io_.loop().now() + io_.options().bodyTimeout);
            break;
        }
        case HttpParser::Event::messageComplete:
            idle_ = false;
            submit(parser_.take());
            return used;
        case HttpParser::Event::error:
            lingerOnClose_ = true;
            fail(parser_.errorStatus(), parser_.errorMessage());
            return used;
        }
    }
    return used;
}

void HttpConnection::submit(ParsedRequest request) {
    state_ = State::dispatching;
    setDeadline(Clock::time_point::max());
    InlineDispatchPolicy& policy = io_.inlinePolicy();
    requestType_ = policy.typeOf(request.method, request.target, request.hasBody);
    if (policy.shouldRunInline(requestType_)) {
        inlineRequest_ = std::move(request); // drive() runs it once the read path is done with its buffer
        return;
    }
    const bool closing = shuttingDown_ || io_.stopping();
    ResponseFraming framing;
    framing.headRequest = request.method == "HEAD";
    framing.keepAlive = request.keepAlive && !closing;
    framing.http10 = request.minorVersion == 0;

    auto self = shared_from_this();
    const bool queued = io_.workers().trySubmit([self, request = std::move(request), closing]() mutable {
        RequestExecutor::Outcome outcome =
            self->io_.executor().execute(std::move(request), self->peerAddress_, closing, true, self->replyFactory());
        self->io_.loop().post(
            [self, outcome = std::move(outcome)]() mutable { self->deliver(std::move(outcome), false); });
    });
    if (queued) return;
    // Deliver through the loop, like a worker would: answering inline here
    // would re-enter the read path while it still holds unparsed bytes.
    RequestExecutor::Outcome busy;
    busy.keepAlive = framing.keepAlive;
    busy.bytes = ResponseSerializer::error(503, "Server is busy, try again later", framing);
    requestType_ = 0; // not a measurement
    io_.loop().post([self, busy = std::move(busy)]() mutable { self->deliver(std::move(busy), false); });
}

void HttpConnection::runInline() {
    ParsedRequest request = std::move(*inlineRequest_);
    inlineRequest_.reset();
    const bool closing = shuttingDown_ || io_.stopping();
    const bool precise = io_.inlinePolicy().wantsPreciseCost(requestType_);
    deliver(io_.executor().execute(std::move(request), peerAddress_, closing, precise, replyFactory()), true);
}

HttpExchange::ReplyFactory HttpConnection::replyFactory() {
    // A raw pointer (no allocation per request): the factory only runs while
    // the executor dispatches, and the task doing that holds the connection.
    return [connection = this] { return connection->makeDeferredReply(); };
}

std::shared_ptr<DeferredHttpReply> HttpConnection::makeDeferredReply() {
    // On the dispatching thread (a worker, or this loop when inline).
    std::weak_ptr<HttpConnection> weak = weak_from_this();
    return pending_.makeReply([weak](sdk::Response answer) {
        if (auto connection = weak.lock()) connection->answerDeferred(std::move(answer));
    });
}

void HttpConnection::deliver(RequestExecutor::Outcome outcome, bool ranInline) {
    if (state_ != State::dispatching) return; // closed meanwhile
    if (outcome.deferred || outcome.takeover || outcome.workersOnly)
        io_.inlinePolicy().excludeForGood(requestType_);
    else
        io_.inlinePolicy().record(requestType_, outcome.cost, ranInline);
    if (outcome.deferred) {
        park(std::move(*outcome.deferred));
        return;
    }
    pending_.takeEarly(); // defensive: only a deferred request has an answer to come
    takeover_ = std::move(outcome.takeover);
    AfterWrite after = AfterWrite::close;
    if (takeover_)
        after = AfterWrite::handOver;
    else if (outcome.keepAlive) // what the response told the client; see onWriteComplete()
        after = AfterWrite::keepAlive;
    respond(std::move(outcome.bytes), after);
}

void HttpConnection::park(RequestExecutor::LaterAnswer later) {
    pending_.park(std::move(later));
    state_ = State::parked;
    if (auto early = pending_.takeEarly()) {
        writeDeferredAnswer(std::move(*early));
    } else if (shuttingDown_) {
        close(); // as beginShutdown() does with parked connections
    } else {
        closeIfHungUp(); // the client may have left while the handler ran
    }
}

void HttpConnection::onDeferredAnswer(sdk::Response answer) {
    if (state_ == State::dispatching) { // the handler's outcome is still on its way
        pending_.keepEarly(std::move(answer));
        return;
    }
    if (state_ != State::parked) return; // closed meanwhile
    writeDeferredAnswer(std::move(answer));
}

void HttpConnection::writeDeferredAnswer(sdk::Response answer) {
    const bool closing = shuttingDown_ || io_.stopping();
    RequestExecutor::Outcome outcome = io_.executor().answerLater(pending_.takeLater(), std::move(answer), closing);
    respond(std::move(outcome.bytes), outcome.keepAlive && !shuttingDown_ ? AfterWrite::keepAlive : AfterWrite::close);
}

void HttpConnection::closeIfHungUp() {
    // Pipelined bytes may be waiting unread, so a read would not reveal the
    // end of the stream; POLLRDHUP does (the peer closed or shut down writing).
    pollfd watched{fd_, POLLRDHUP, 0};
    if (::poll(&watched, 1, 0) > 0 && (watched.revents & (POLLRDHUP | POLLHUP | POLLERR))) close();
}

void HttpConnection::fail(int status, const std::string& message) {
    ResponseFraming framing;
    framing.keepAlive = false;
    respond(ResponseSerializer::error(status, message, framing), AfterWrite::close);
}

void HttpConnection::respond(std::string bytes, AfterWrite after) {
    state_ = State::writing;
    afterWrite_ = after;
    if (output_.empty()) {
        output_ = std::move(bytes);
        outputOffset_ = 0;
    } else {
        output_ += bytes;
    }
    if (flush()) onWriteComplete();
}

bool HttpConnection::flush() {
    while (outputOffset_ < output_.size()) {
        const ssize_t n = ::send(fd_, output_.data() + outputOffset_, output_.size() - outputOffset_, MSG_NOSIGNAL);
        if (n > 0) {
            outputOffset_ += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // Wait for EPOLLOUT; the client gets writeTimeout to make room.
            if (state_ == State::writing) setDeadline(io_.loop().now() + io_.options().writeTimeout);
            return false;
        }
        close(); // EPIPE, ECONNRESET, ...
        return false;
    }
    std::string().swap(output_); // give the buffer back: idle connections hold nothing
    outputOffset_ = 0;
    return true;
}

void HttpConnection::onWriteComplete() {
    switch (afterWrite_) {
    case AfterWrite::keepAlive:
        state_ = State::reading;
        idle_ = true;
        setDeadline(io_.loop().now() + (shuttingDown_ ? shutdownDrainWindow : io_.options().idleTimeout));
        drive();
        break;
    case AfterWrite::close:
        if (lingerOnClose_ || mayHaveInput_ || bufferedOffset_ < buffered_.size())
            startLingering();
        else
            close();
        break;
    case AfterWrite::handOver:
        handOver();
        break;
    }
}

void HttpConnection::startLingering() {
    state_ = State::lingering;
    std::string().swap(buffered_);
    bufferedOffset_ = 0;
    ::shutdown(fd_, SHUT_WR);
    setDeadline(io_.loop().now() + lingerTime);
    mayHaveInput_ = true;
    drainInput();
}

void HttpConnection::drainInput() {
    char* const buffer = io_.readBuffer();
    for (;;) {
        const ssize_t n = ::recv(fd_, buffer, IoThread::readBufferSize, 0);
        if (n > 0) continue;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        close(); // EOF or error: the client has seen everything
        return;
    }
}

void HttpConnection::handOver() {
    ConnectionTakeover::Handler handler = std::move(takeover_);
    std::string alreadyRead = buffered_.substr(std::min(bufferedOffset_, buffered_.size()));
    state_ = State::closed;
    deadline_.cancel();
    io_.loop().remove(fd_);
    pending_.stopAccepting(); // the handler owns the socket now; a deferred reply of this request is moot
    const int fd = socket_.release();
    io_.connectionClosed(*this, fd, true);
    try {
        handler(fd, std::move(alreadyRead));
    } catch (...) {
        Poco::Logger::get("motel.http").error("Connection takeover handler threw: %s", describeCurrentException());
    }
}

void HttpConnection::setDeadline(Clock::time_point deadline) {
    deadline_.set(deadline);
}

void HttpConnection::onTimer() {
    if (!deadline_.reached()) return;
    switch (state_) {
    case State::reading:
        if (!parser_.started()) { // silent or idle: just close
            close();
        } else {
            lingerOnClose_ = true;
            fail(408, "Request timeout");
        }
        break;
    case State::writing:
    case State::lingering:
        close();
        break;
    case State::dispatching:
    case State::parked:
    case State::closed:
        break;
    }
}

} // namespace motel::host
