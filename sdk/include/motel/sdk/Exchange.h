#pragma once
/// For the few handlers that need more from HTTP than "request in, response
/// out": long-polling (answer later without holding an HTTP worker) and
/// protocol upgrades (take the connection over, e.g. for WebSocket).
/// Reached through `Request::exchange`, which the host sets for every request
/// it serves (it is null only in unit tests that build a Request by hand).

#include <motel/sdk/Response.h>

#include <functional>
#include <memory>
#include <string>

namespace motel::sdk {

/// A response promised by a handler that returned without answering.
class DeferredReply {
public:
    virtual ~DeferredReply() = default;
    /// Sends the response. Only the first call counts; thread-safe; never
    /// blocks on the network.
    virtual void send(Response response) = 0;
    /// True once the client has gone away or the host is shutting down
    /// (a later send() is dropped).
    virtual bool closed() const = 0;
    /// Runs `fn` once when the exchange closes without a send() (client gone,
    /// shutdown). Runs at once if already closed.
    virtual void onClose(std::function<void()> fn) = 0;
};

class Exchange {
public:
    virtual ~Exchange() = default;
    /// Promise an answer: the host ignores the handler's Response and waits
    /// for the returned object's send(), with no worker thread held.
    virtual std::shared_ptr<DeferredReply> defer() = 0;
    /// After the handler's Response (typically 101 Switching Protocols) has
    /// been written, hand the connection to `adopt`: the connected socket's
    /// file descriptor (ownership passes to the callee, which must close it)
    /// and any bytes the client already sent past this request. The host no
    /// longer reads, writes or times out that connection.
    virtual void takeOver(std::function<void(int fd, std::string pendingBytes)> adopt) = 0;
    /// Never run this request type (method + path) on an I/O thread, however
    /// cheap it proves (see Routes.h, "Threads"). Route::mayRunInline = false
    /// does this for every request of a route.
    virtual void keepOnWorkerThreads() = 0;
};

} // namespace motel::sdk
