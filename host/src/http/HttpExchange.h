#pragma once

#include "http/ConnectionTakeover.h"
#include "http/DeferredHttpReply.h"

#include <motel/sdk/Exchange.h>

#include <functional>
#include <memory>
#include <string>

namespace motel::host {

/// The server's sdk::Exchange: what `Request::exchange` points at while one
/// request is dispatched. RequestExecutor keeps it on its stack around the
/// dispatch call, so it lives exactly as long as the handler may use it
/// (handlers keep the DeferredReply, never the Exchange).
///
/// takeOver() is the SDK face of ConnectionTakeover: it claims the connection
/// for the handler's adopt function. defer() asks the connection (through
/// `makeReply`) for a DeferredHttpReply tied to it and hands out its handle;
/// a request either defers or is taken over, never both (std::logic_error).
/// After dispatch, settle() tells the executor whether the answer is still to
/// come.
class HttpExchange : public sdk::Exchange {
public:
    /// Creates a reply bound to the connection that serves the request.
    using ReplyFactory = std::function<std::shared_ptr<DeferredHttpReply>()>;

    /// `makeReply` may be empty: defer() then throws std::logic_error.
    HttpExchange(ConnectionTakeover& takeover, const ReplyFactory& makeReply);
    HttpExchange(const HttpExchange&) = delete;
    HttpExchange& operator=(const HttpExchange&) = delete;

    /// The same handle on every call within one request.
    std::shared_ptr<sdk::DeferredReply> defer() override;
    void takeOver(std::function<void(int fd, std::string pendingBytes)> adopt) override;
    void keepOnWorkerThreads() override { workersOnly_ = true; }
    /// The handler (or its route) asked never to run inline.
    bool workersOnly() const { return workersOnly_; }

    /// Called once dispatch returned: true when the handler deferred and the
    /// answer comes through the reply (the handler's Response is not sent).
    /// A reply the handler kept to itself and did not answer (it deferred,
    /// then threw or forgot) is withdrawn: false, and the handler's Response
    /// (with the dispatcher's error envelope, if any) is sent as usual.
    bool settle();

private:
    ConnectionTakeover& takeover_;
    const ReplyFactory& makeReply_;
    std::shared_ptr<DeferredHttpReply> reply_;
    std::shared_ptr<sdk::DeferredReply> handle_;
    bool workersOnly_ = false;
};

} // namespace motel::host
