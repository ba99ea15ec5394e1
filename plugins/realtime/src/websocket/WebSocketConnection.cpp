#include "websocket/WebSocketConnection.h"

#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace motel::realtime {

WebSocketConnection::WebSocketConnection(IoLoop& loop, int fd, Limits limits)
    : loop_(loop), fd_(fd), limits_(limits), parser_(limits.maxMessageBytes) {}

WebSocketConnection::~WebSocketConnection() {
    if (fd_ >= 0) {
        loop_.cancel(sendTimer_);
        loop_.unwatch(fd_);
        ::close(fd_);
    }
}

void WebSocketConnection::setHandlers(MessageHandler onMessage, CloseHandler onClose) {
    onMessage_ = std::move(onMessage);
    onClose_ = std::move(onClose);
}

void WebSocketConnection::open(const std::string& alreadyRead) {
    std::weak_ptr<WebSocketConnection> weak = weak_from_this();
    loop_.watch(fd_, sdk::IoEvents::readable, [weak](sdk::IoEvents events) {
        if (auto self = weak.lock()) self->onEvents(events);
    });
    opened_ = true;
    flush();
    if (fd_ >= 0 && !alreadyRead.empty()) {
        auto self = shared_from_this(); // a handler may drop the last reference
        try {
            parser_.feed(alreadyRead.data(), alreadyRead.size(),
                         [this](WebSocketFrameParser::Message&& message) { onFrame(std::move(message)); });
        } catch (const WebSocketProtocolError& error) {
            close(error.code(), "transport error");
        }
    }
}

void WebSocketConnection::onEvents(sdk::IoEvents events) {
    auto self = shared_from_this();
    if (sdk::hasAny(events, sdk::IoEvents::writable)) flush();
    if (fd_ < 0) return;
    if (sdk::hasAny(events, sdk::IoEvents::readable)) readAvailable();
}

void WebSocketConnection::readAvailable() {
    char buffer[16384];
    while (fd_ >= 0) {
        const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
        if (got > 0) {
            if (closing_) continue; // draining until the peer closes or the queue flushes
            try {
                parser_.feed(buffer, static_cast<std::size_t>(got),
                             [this](WebSocketFrameParser::Message&& message) { onFrame(std::move(message)); });
            } catch (const WebSocketProtocolError& error) {
                close(error.code(), "transport error");
            }
            continue;
        }
        if (got == 0) {
            finish(closing_ ? closeReason_ : "transport close");
            return;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        finish(closing_ ? closeReason_ : "transport error");
        return;
    }
}

void WebSocketConnection::onFrame(WebSocketFrameParser::Message&& message) {
    if (closing_ || fd_ < 0) return;
    switch (message.opcode) {
    case WebSocketOpcode::text:
    case WebSocketOpcode::binary:
        if (onMessage_) onMessage_(message.opcode == WebSocketOpcode::binary, std::move(message.payload));
        break;
    case WebSocketOpcode::ping:
        sendFrame(std::make_shared<const std::string>(WebSocketFrame::encode(WebSocketOpcode::pong, message.payload)));
        break;
    case WebSocketOpcode::close: {
        std::uint16_t code = closecode::normal;
        if (message.payload.size() >= 2) {
            code = static_cast<std::uint16_t>((static_cast<std::uint8_t>(message.payload[0]) << 8) |
                                              static_cast<std::uint8_t>(message.payload[1]));
        }
        close(code == 1005 || code == 1006 ? closecode::normal : code, "transport close");
        break;
    }
    default:
        break;
    }
}

void WebSocketConnection::sendText(const std::string& text) {
    sendFrame(std::make_shared<const std::string>(WebSocketFrame::encode(WebSocketOpcode::text, text)));
}

void WebSocketConnection::sendFrame(const std::shared_ptr<const std::string>& frame) {
    if (fd_ < 0 || closing_ || !frame || frame->empty()) return;
    std::size_t written = 0;
    if (opened_ && queue_.empty()) {
        // Nothing waits before it: straight to the socket, the frame neither
        // copied nor referenced (a broadcast reaches thousands of sockets).
        written = writeNow(frame->data(), frame->size());
        if (fd_ < 0 || written == frame->size()) return;
    }
    const bool wasEmpty = queue_.empty();
    queuedBytes_ += frame->size() - written;
    queue_.push_back(frame);
    if (wasEmpty) frontOffset_ = written;
    if (queuedBytes_ > limits_.maxQueuedBytes) {
        finishLater("send queue full"); // not abort(): the caller may be walking a room
        return;
    }
    if (opened_) updateInterest(); // the socket is full: `writable` will come
}

std::size_t WebSocketConnection::writeNow(const char* data, std::size_t size) {
    std::size_t written = 0;
    while (written < size) {
        const ssize_t sent = ::send(fd_, data + written, size - written, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            finishLater(closing_ ? closeReason_ : "transport error");
            return written;
        }
        written += static_cast<std::size_t>(sent);
    }
    bytesWritten_ += written;
    return written;
}

void WebSocketConnection::close(std::uint16_t code, const std::string& reason) {
    if (fd_ < 0 || closing_) return;
    // flush() may finish the connection, and the closed-callback may drop the
    // caller's last reference to it (EngineSession resets its socket_ there):
    // stay alive until this call is done (found by scripts/sanitize asan).
    const auto self = shared_from_this();
    auto frame = std::make_shared<const std::string>(WebSocketFrame::close(code));
    queuedBytes_ += frame->size();
    queue_.push_back(std::move(frame));
    closing_ = true;
    closeReason_ = reason;
    if (!opened_) return;
    flush();
    if (fd_ >= 0 && closing_) armSendTimer(); // a peer that never reads must not keep the socket
}

void WebSocketConnection::abort(const std::string& reason) {
    finish(reason);
}

void WebSocketConnection::flush() {
    while (fd_ >= 0 && !queue_.empty()) {
        iovec vectors[64];
        int count = 0;
        std::size_t offset = frontOffset_;
        for (auto it = queue_.begin(); it != queue_.end() && count < 64; ++it) {
            vectors[count].iov_base = const_cast<char*>((*it)->data() + offset);
            vectors[count].iov_len = (*it)->size() - offset;
            offset = 0;
            ++count;
        }
        msghdr message{};
        message.msg_iov = vectors;
        message.msg_iovlen = static_cast<std::size_t>(count);
        // sendmsg, not writev: no file-position lock, and a peer gone does
        // not raise SIGPIPE.
        const ssize_t sent = ::sendmsg(fd_, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            finish(closing_ ? closeReason_ : "transport error");
            return;
        }
        bytesWritten_ += static_cast<std::size_t>(sent);
        queuedBytes_ -= static_cast<std::size_t>(sent);
        std::size_t left = static_cast<std::size_t>(sent);
        while (left > 0) {
            const std::size_t frontLeft = queue_.front()->size() - frontOffset_;
            if (left < frontLeft) {
                frontOffset_ += left;
                left = 0;
            } else {
                left -= frontLeft;
                queue_.pop_front();
                frontOffset_ = 0;
            }
        }
    }
    if (fd_ < 0) return;
    if (queue_.empty() && closing_) {
        finish(closeReason_);
        return;
    }
    updateInterest();
}

void WebSocketConnection::updateInterest() {
    const bool want = !queue_.empty();
    if (want == wantWrite_) return;
    wantWrite_ = want;
    loop_.rewatch(fd_, want ? sdk::IoEvents::readable | sdk::IoEvents::writable : sdk::IoEvents::readable);
    if (want)
        armSendTimer();
    else
        loop_.cancel(sendTimer_);
}

void WebSocketConnection::armSendTimer() {
    if (sendTimer_.valid()) return;
    bytesWrittenAtTimer_ = bytesWritten_;
    std::weak_ptr<WebSocketConnection> weak = weak_from_this();
    sendTimer_ = loop_.runAfter(limits_.sendTimeout, [weak] {
        auto self = weak.lock();
        if (!self) return;
        self->sendTimer_ = IoLoop::TimerId{};
        if (self->fd_ < 0 || self->queue_.empty()) return;
        // Progress since the timer was armed: the client is slow but alive.
        if (self->bytesWritten_ != self->bytesWrittenAtTimer_) {
            self->armSendTimer();
            return;
        }
        self->finish(self->closing_ ? self->closeReason_ : "send timeout");
    });
}

WebSocketConnection::CloseHandler WebSocketConnection::release() {
    if (fd_ < 0) return nullptr;
    loop_.cancel(sendTimer_);
    loop_.unwatch(fd_);
    ::close(fd_);
    fd_ = -1;
    queue_.clear();
    queuedBytes_ = 0;
    CloseHandler handler = std::move(onClose_);
    onClose_ = nullptr;
    onMessage_ = nullptr;
    return handler;
}

void WebSocketConnection::finish(const std::string& reason) {
    if (fd_ < 0) return;
    auto self = shared_from_this(); // the handler may drop the last reference
    const CloseHandler handler = release();
    if (handler) handler(reason);
}

void WebSocketConnection::finishLater(const std::string& reason) {
    CloseHandler handler = release();
    if (handler) loop_.post([self = shared_from_this(), handler = std::move(handler), reason] { handler(reason); });
}

} // namespace motel::realtime
