#pragma once

#include "http/DeferredHttpReply.h"
#include "http/RequestExecutor.h"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace motel::host {

/// The deferred-reply side of one HttpConnection (sdk::Exchange::defer).
///
/// Shared with other threads: the DeferredHttpReply a handler asks for on
/// its worker, and whether answers are still accepted (false once the
/// connection closed or was handed over: its loop may be gone). On the loop
/// thread only: while the connection is parked, how to write the answer
/// (LaterAnswer), and an answer that arrived before the handler's outcome.
class PendingAnswer {
public:
    /// A reply for the request in flight that calls `answer` (any thread).
    /// Already closed when the connection no longer accepts answers.
    std::shared_ptr<DeferredHttpReply> makeReply(std::function<void(sdk::Response)> answer);
    /// Runs `post` under the lock that stopAccepting() takes, if answers are
    /// still accepted; returns whether it ran. Any thread.
    bool ifAccepting(const std::function<void()>& post);
    /// No more answers; returns the reply of the request in flight (to be
    /// closed by the caller), if one is alive.
    std::shared_ptr<DeferredHttpReply> stopAccepting();

    // Loop thread only.
    void park(RequestExecutor::LaterAnswer later) { later_ = std::move(later); }
    /// How to write the parked request's answer; forgotten once taken.
    RequestExecutor::LaterAnswer takeLater();
    void keepEarly(sdk::Response answer) { early_ = std::move(answer); }
    /// The answer that came before the handler's outcome, if any; forgotten once taken.
    std::optional<sdk::Response> takeEarly();
    void forget(); ///< drops the later and early answers

private:
    std::mutex mutex_;
    bool accepting_ = true;
    std::weak_ptr<DeferredHttpReply> reply_;
    std::optional<RequestExecutor::LaterAnswer> later_;
    std::optional<sdk::Response> early_;
};

} // namespace motel::host
