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
    : _io(io),
      _socket(std::move(socket)),
      _fd(_socket.get()),
      _peerAddress(std::move(peerAddress)),
      _parser(io.parserLimits()),
      _deadline(io.loop()) {}

void HttpConnection::open() {
    auto self = shared_from_this();
    EventLoop::Handlers handlers;
    handlers.onReadable = [self] { self->onReadable(); };
    handlers.onWritable = [self] { self->onWritable(); };
    // Edge triggered, both directions, registered once: no epoll_ctl per request.
    _io.loop().add(_fd, Interest::readWrite, std::move(handlers), true);
    std::weak_ptr<HttpConnection> weak = self;
    _deadline.onTimer([weak] {
        if (auto connection = weak.lock()) connection->onTimer();
    });
    setDeadline(_io.loop().now() + _io.options().headerTimeout);
}

void HttpConnection::refuse(const sdk::HttpError& error) {
    _refused = true;
    _lingerOnClose = true; // the client's request may already be on its way: read and drop it
    sdk::Response response;
    renderError(error, response);
    ResponseFraming framing;
    framing.keepAlive = false;
    respond(ResponseSerializer::serialize(response, framing), AfterWrite::close);
}

void HttpConnection::beginShutdown() {
    _shuttingDown = true;
    switch (_state) {
    case State::reading:
        // A request may be on its way (keep-alive clients send the next one
        // as soon as the last answer arrived): closing now would reset it.
        // Keep reading for a short drain window; a request that arrives is
        // answered with `Connection: close` (_shuttingDown), a silent
        // connection closes when the window ends (onTimer).
        if (!_parser.started())
            setDeadline(std::min(_deadline.at(), _io.loop().now() + shutdownDrainWindow));
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
    if (_state == State::closed) return;
    _state = State::closed;
    _deadline.cancel();
    _io.loop().remove(_fd);
    _socket.reset();
    _pending.forget();
    if (auto reply = _pending.stopAccepting()) reply->close(); // runs its owner's onClose callbacks, here on the loop thread
    _io.connectionClosed(*this, _fd, false);
}

void HttpConnection::answerDeferred(sdk::Response answer) {
    // Posted under the lock close() takes: an open connection means a live loop.
    _pending.ifAccepting([&] {
        _io.loop().post([self = shared_from_this(), answer = std::move(answer)]() mutable {
            self->onDeferredAnswer(std::move(answer));
        });
    });
}

void HttpConnection::onReadable() {
    _mayHaveInput = true;
    if (_state == State::reading)
        drive();
    else if (_state == State::lingering)
        drainInput();
    else if (_state == State::parked)
        closeIfHungUp();
    // dispatching/parked/writing: the bytes wait until the current response is out.
}

void HttpConnection::onWritable() {
    if (_output.empty() || _state == State::closed || _state == State::lingering) return;
    if (flush() && _state == State::writing) onWriteComplete();
}

void HttpConnection::drive() {
    // Iterative on purpose: an inline request answered here ends in
    // onWriteComplete(), which calls drive() again; that inner call returns
    // at once and this loop moves on to the next request.
    if (_driving) return;
    _driving = true;
    int inlineBudget = 32; // then yield to the other connections of this loop
    for (;;) {
        if (_inlineRequest) {
            if (_state != State::dispatching) { // closed meanwhile
                _inlineRequest.reset();
                break;
            }
            if (inlineBudget-- == 0) {
                auto self = shared_from_this();
                _io.loop().post([self] { self->drive(); });
                break;
            }
            runInline();
            continue;
        }
        if (_state != State::reading) break;
        if (_bufferedOffset < _buffered.size()) {
            _bufferedOffset += consume(_buffered.data() + _bufferedOffset, _buffered.size() - _bufferedOffset);
            if (_bufferedOffset >= _buffered.size()) {
                std::string().swap(_buffered);
                _bufferedOffset = 0;
            }
            continue;
        }
        if (!_mayHaveInput || !readOnce()) break;
    }
    _driving = false;
}

bool HttpConnection::readOnce() {
    char* const buffer = _io.readBuffer();
    const ssize_t n = ::recv(_fd, buffer, IoThread::readBufferSize, 0);
    if (n > 0) {
        const auto size = static_cast<std::size_t>(n);
        // A short read drained the socket; new data raises a new edge.
        if (size < IoThread::readBufferSize) _mayHaveInput = false;
        const std::size_t used = consume(buffer, size);
        // Bytes past a complete request wait for its response (pipelining).
        if (used < size && _state == State::dispatching) _buffered.append(buffer + used, size - used);
        return true;
    }
    if (n < 0 && errno == EINTR) return true;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        _mayHaveInput = false;
        return false;
    }
    close(); // EOF (the client closed or half-closed) or a socket error
    return false;
}

std::size_t HttpConnection::consume(const char* data, std::size_t size) {
    std::size_t used = 0;
    while (_state == State::reading && used < size) {
        const HttpParser::Progress progress = _parser.feed(data + used, size - used);
        used += progress.consumed;
        switch (progress.event) {
        case HttpParser::Event::needMore:
            if (_idle && _parser.started()) { // a new request began: the header clock starts
                _idle = false;
                setDeadline(_io.loop().now() + _io.options().headerTimeout);
            }
            break;
        case HttpParser::Event::headersComplete: {
            _idle = false;
            const ParsedRequest& request = _parser.request();
            // Ask for the body only if the client waits for us to (nothing of it arrived yet).
            if (request.expectsContinue && request.minorVersion >= 1 && used == size) {
                _output += ResponseSerializer::continueResponse();
                if (!flush() && _state == State::closed) return used;
            }
            setDeadline(_io.loop().now() + _io.options().bodyTimeout);
            break;
        }
        case HttpParser::Event::messageComplete:
            _idle = false;
            submit(_parser.take());
            return used;
        case HttpParser::Event::error:
            _lingerOnClose = true;
            fail(_parser.errorStatus(), _parser.errorMessage());
            return used;
        }
    }
    return used;
}

void HttpConnection::submit(ParsedRequest request) {
    _state = State::dispatching;
    setDeadline(Clock::time_point::max());
    InlineDispatchPolicy& policy = _io.inlinePolicy();
    _requestType = policy.typeOf(request.method, request.target, request.hasBody);
    if (policy.shouldRunInline(_requestType)) {
        _inlineRequest = std::move(request); // drive() runs it once the read path is done with its buffer
        return;
    }
    const bool closing = _shuttingDown || _io.stopping();
    ResponseFraming framing;
    framing.headRequest = request.method == "HEAD";
    framing.keepAlive = request.keepAlive && !closing;
    framing.http10 = request.minorVersion == 0;

    auto self = shared_from_this();
    const bool queued = _io.workers().trySubmit([self, request = std::move(request), closing]() mutable {
        RequestExecutor::Outcome outcome =
            self->_io.executor().execute(std::move(request), self->_peerAddress, closing, true, self->replyFactory());
        self->_io.loop().post([self, outcome = std::move(outcome)]() mutable { self->deliver(std::move(outcome), false); });
    });
    if (queued) return;
    // Deliver through the loop, like a worker would: answering inline here
    // would re-enter the read path while it still holds unparsed bytes.
    RequestExecutor::Outcome busy;
    busy.keepAlive = framing.keepAlive;
    busy.bytes = ResponseSerializer::error(503, "Server is busy, try again later", framing);
    _requestType = 0; // not a measurement
    _io.loop().post([self, busy = std::move(busy)]() mutable { self->deliver(std::move(busy), false); });
}

void HttpConnection::runInline() {
    ParsedRequest request = std::move(*_inlineRequest);
    _inlineRequest.reset();
    const bool closing = _shuttingDown || _io.stopping();
    const bool precise = _io.inlinePolicy().wantsPreciseCost(_requestType);
    deliver(_io.executor().execute(std::move(request), _peerAddress, closing, precise, replyFactory()), true);
}

HttpExchange::ReplyFactory HttpConnection::replyFactory() {
    // A raw pointer (no allocation per request): the factory only runs while
    // the executor dispatches, and the task doing that holds the connection.
    return [connection = this] { return connection->makeDeferredReply(); };
}

std::shared_ptr<DeferredHttpReply> HttpConnection::makeDeferredReply() {
    // On the dispatching thread (a worker, or this loop when inline).
    std::weak_ptr<HttpConnection> weak = weak_from_this();
    return _pending.makeReply([weak](sdk::Response answer) {
        if (auto connection = weak.lock()) connection->answerDeferred(std::move(answer));
    });
}

void HttpConnection::deliver(RequestExecutor::Outcome outcome, bool ranInline) {
    if (_state != State::dispatching) return; // closed meanwhile
    if (outcome.deferred || outcome.takeover || outcome.workersOnly)
        _io.inlinePolicy().excludeForGood(_requestType);
    else
        _io.inlinePolicy().record(_requestType, outcome.cost, ranInline);
    if (outcome.deferred) {
        park(std::move(*outcome.deferred));
        return;
    }
    _pending.takeEarly(); // defensive: only a deferred request has an answer to come
    _takeover = std::move(outcome.takeover);
    AfterWrite after = AfterWrite::close;
    if (_takeover)
        after = AfterWrite::handOver;
    else if (outcome.keepAlive) // what the response told the client; see onWriteComplete()
        after = AfterWrite::keepAlive;
    respond(std::move(outcome.bytes), after);
}

void HttpConnection::park(RequestExecutor::LaterAnswer later) {
    _pending.park(std::move(later));
    _state = State::parked;
    if (auto early = _pending.takeEarly()) {
        writeDeferredAnswer(std::move(*early));
    } else if (_shuttingDown) {
        close(); // as beginShutdown() does with parked connections
    } else {
        closeIfHungUp(); // the client may have left while the handler ran
    }
}

void HttpConnection::onDeferredAnswer(sdk::Response answer) {
    if (_state == State::dispatching) { // the handler's outcome is still on its way
        _pending.keepEarly(std::move(answer));
        return;
    }
    if (_state != State::parked) return; // closed meanwhile
    writeDeferredAnswer(std::move(answer));
}

void HttpConnection::writeDeferredAnswer(sdk::Response answer) {
    const bool closing = _shuttingDown || _io.stopping();
    RequestExecutor::Outcome outcome = _io.executor().answerLater(_pending.takeLater(), std::move(answer), closing);
    respond(std::move(outcome.bytes), outcome.keepAlive && !_shuttingDown ? AfterWrite::keepAlive : AfterWrite::close);
}

void HttpConnection::closeIfHungUp() {
    // Pipelined bytes may be waiting unread, so a read would not reveal the
    // end of the stream; POLLRDHUP does (the peer closed or shut down writing).
    pollfd watched{_fd, POLLRDHUP, 0};
    if (::poll(&watched, 1, 0) > 0 && (watched.revents & (POLLRDHUP | POLLHUP | POLLERR))) close();
}

void HttpConnection::fail(int status, const std::string& message) {
    ResponseFraming framing;
    framing.keepAlive = false;
    respond(ResponseSerializer::error(status, message, framing), AfterWrite::close);
}

void HttpConnection::respond(std::string bytes, AfterWrite after) {
    _state = State::writing;
    _afterWrite = after;
    if (_output.empty()) {
        _output = std::move(bytes);
        _outputOffset = 0;
    } else {
        _output += bytes;
    }
    if (flush()) onWriteComplete();
}

bool HttpConnection::flush() {
    while (_outputOffset < _output.size()) {
        const ssize_t n = ::send(_fd, _output.data() + _outputOffset, _output.size() - _outputOffset, MSG_NOSIGNAL);
        if (n > 0) {
            _outputOffset += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // Wait for EPOLLOUT; the client gets writeTimeout to make room.
            if (_state == State::writing) setDeadline(_io.loop().now() + _io.options().writeTimeout);
            return false;
        }
        close(); // EPIPE, ECONNRESET, ...
        return false;
    }
    std::string().swap(_output); // give the buffer back: idle connections hold nothing
    _outputOffset = 0;
    return true;
}

void HttpConnection::onWriteComplete() {
    switch (_afterWrite) {
    case AfterWrite::keepAlive:
        _state = State::reading;
        _idle = true;
        setDeadline(_io.loop().now() + (_shuttingDown ? shutdownDrainWindow : _io.options().idleTimeout));
        drive();
        break;
    case AfterWrite::close:
        if (_lingerOnClose || _mayHaveInput || _bufferedOffset < _buffered.size())
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
    _state = State::lingering;
    std::string().swap(_buffered);
    _bufferedOffset = 0;
    ::shutdown(_fd, SHUT_WR);
    setDeadline(_io.loop().now() + lingerTime);
    _mayHaveInput = true;
    drainInput();
}

void HttpConnection::drainInput() {
    char* const buffer = _io.readBuffer();
    for (;;) {
        const ssize_t n = ::recv(_fd, buffer, IoThread::readBufferSize, 0);
        if (n > 0) continue;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        close(); // EOF or error: the client has seen everything
        return;
    }
}

void HttpConnection::handOver() {
    ConnectionTakeover::Handler handler = std::move(_takeover);
    std::string alreadyRead = _buffered.substr(std::min(_bufferedOffset, _buffered.size()));
    _state = State::closed;
    _deadline.cancel();
    _io.loop().remove(_fd);
    _pending.stopAccepting(); // the handler owns the socket now; a deferred reply of this request is moot
    const int fd = _socket.release();
    _io.connectionClosed(*this, fd, true);
    try {
        handler(fd, std::move(alreadyRead));
    } catch (...) {
        Poco::Logger::get("motel.http").error("Connection takeover handler threw: %s", describeCurrentException());
    }
}

void HttpConnection::setDeadline(Clock::time_point deadline) { _deadline.set(deadline); }

void HttpConnection::onTimer() {
    if (!_deadline.reached()) return;
    switch (_state) {
    case State::reading:
        if (!_parser.started()) { // silent or idle: just close
            close();
        } else {
            _lingerOnClose = true;
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
