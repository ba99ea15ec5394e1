#pragma once
/// One WebSocket adopted from the host's HTTP server (the fd handed over by
/// Exchange::takeOver), served by an IoLoop: non-blocking reads into the
/// frame parser, and frames written at once when nothing waits before them
/// (the common case: one send(2), the bytes neither copied nor referenced),
/// else queued (shared, not copied) and written with one sendmsg(2) per
/// batch as the socket accepts them. A client that accepts no bytes for `sendTimeout`, or lets more than
/// `maxQueuedBytes` pile up, is dropped, so one slow phone never holds up
/// the loop or the others. Lives on its loop's thread only.

#include "io/IoLoop.h"
#include "websocket/WebSocketFrameParser.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

namespace motel::realtime {

class WebSocketConnection : public std::enable_shared_from_this<WebSocketConnection> {
public:
    struct Limits {
        std::size_t maxMessageBytes = 1000000;
        std::chrono::milliseconds sendTimeout{10000};
        std::size_t maxQueuedBytes = 4u << 20;
    };
    /// A text or binary message from the client.
    using MessageHandler = std::function<void(bool binary, std::string payload)>;
    /// Called once when the socket is gone: "transport close" (peer closed),
    /// "transport error", "send timeout", "send queue full", or the reason
    /// given to close().
    using CloseHandler = std::function<void(const std::string& reason)>;

    /// Takes ownership of `fd` (a connected, non-blocking socket).
    WebSocketConnection(IoLoop& loop, int fd, Limits limits);
    ~WebSocketConnection(); ///< closes the fd if still open
    WebSocketConnection(const WebSocketConnection&) = delete;
    WebSocketConnection& operator=(const WebSocketConnection&) = delete;

    void setHandlers(MessageHandler onMessage, CloseHandler onClose);
    /// Starts watching the socket and writes what was queued so far;
    /// `alreadyRead` are bytes the host read past the upgrade request. Set
    /// the handlers first.
    void open(const std::string& alreadyRead);

    /// Sends a complete frame (shared with other connections: a broadcast's
    /// one encoding); what the socket does not take at once is queued with a
    /// reference to `frame`. Ignored once closing.
    void sendFrame(const std::shared_ptr<const std::string>& frame);
    void sendText(const std::string& text);
    /// Sends a close frame, flushes what is queued, then closes the socket.
    void close(std::uint16_t code, const std::string& reason);
    /// Closes the socket at once.
    void abort(const std::string& reason);

    /// Handles the frames already received, now (loop thread): what the peer
    /// sent on this socket before a request that reached us another way.
    void readPending() { readAvailable(); }

    bool isOpen() const { return fd_ >= 0 && !closing_; }
    std::size_t queuedBytes() const { return queuedBytes_; }
    IoLoop& loop() { return loop_; }

private:
    void onEvents(sdk::IoEvents events);
    void readAvailable();
    void onFrame(WebSocketFrameParser::Message&& message);
    void flush();
    /// Writes `size` bytes now, as far as the socket takes them; returns how
    /// many it took. On an error the socket is closed at once (fd_ < 0) and
    /// the close handler runs on a later turn of the loop (finishLater).
    std::size_t writeNow(const char* data, std::size_t size);
    void updateInterest();
    void armSendTimer();
    void finish(const std::string& reason);
    /// finish() for an error met while sending: the caller may be walking a
    /// room (a broadcast), which the close handler changes, so the handler
    /// is posted to the loop instead of called here.
    void finishLater(const std::string& reason);
    /// Stops watching and closes the descriptor; returns the close handler
    /// to call (empty when already finished).
    CloseHandler release();

    IoLoop& loop_;
    int fd_;
    Limits limits_;
    WebSocketFrameParser parser_;
    MessageHandler onMessage_;
    CloseHandler onClose_;
    std::deque<std::shared_ptr<const std::string>> queue_;
    std::size_t frontOffset_ = 0;
    std::size_t queuedBytes_ = 0;
    bool opened_ = false;
    bool wantWrite_ = false;
    bool closing_ = false; ///< close frame queued: close once flushed
    std::string closeReason_;
    IoLoop::TimerId sendTimer_;
    std::uint64_t bytesWritten_ = 0;
    std::uint64_t bytesWrittenAtTimer_ = 0;
};

} // namespace motel::realtime
