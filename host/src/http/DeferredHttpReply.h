#pragma once

#include <motel/sdk/Exchange.h>
#include <motel/sdk/Response.h>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace motel::host {

/// The server's sdk::DeferredReply: the answer to one request whose handler
/// returned without answering (long-polling). It holds no thread and no
/// socket, only what it takes to hand one response to the connection.
///
/// Thread-safe. send() passes the response to `deliver` (which posts it to
/// the connection's I/O thread, see HttpConnection) and never blocks on the
/// network; only the first answer counts. The connection calls close() when
/// the client goes away or the server stops: closed() turns true, later
/// answers are dropped, and onClose callbacks run once (unless an answer was
/// already given). Callbacks run outside the lock, on the I/O thread that
/// served the connection (or at once on the caller's thread when registered
/// after the close), so they should be short and never block; exceptions
/// they throw are logged and swallowed.
///
/// Handlers get a handle from handOut() rather than the object itself: when
/// the last copy of the handle goes without an answer (a handler or plugin
/// dropped it), the client gets a 500 instead of waiting forever.
class DeferredHttpReply : public sdk::DeferredReply {
public:
    using Deliver = std::function<void(sdk::Response)>;

    explicit DeferredHttpReply(Deliver deliver);
    DeferredHttpReply(const DeferredHttpReply&) = delete;
    DeferredHttpReply& operator=(const DeferredHttpReply&) = delete;

    /// The handle given to handlers (see the class comment).
    static std::shared_ptr<sdk::DeferredReply> handOut(std::shared_ptr<DeferredHttpReply> reply);

    void send(sdk::Response response) override;
    bool closed() const override;
    void onClose(std::function<void()> fn) override;

    /// The connection is gone (client closed, server stopping). Idempotent.
    void close();
    /// Takes the promise back before anyone answered it (the handler deferred
    /// but kept the reply to itself): true when it was still unanswered and
    /// open; later answers are then dropped.
    bool withdraw();

private:
    /// The last handle was released: answer 500 unless answered or closed.
    void abandon();

    mutable std::mutex mutex_;
    const Deliver deliver_;
    bool answered_ = false;
    bool closed_ = false;
    std::vector<std::function<void()>> onClose_;
};

} // namespace motel::host
