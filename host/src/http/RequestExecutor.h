#pragma once

#include "http/ConnectionTakeover.h"
#include "http/HeldAnswerDeadlines.h"
#include "http/HttpExchange.h"
#include "http/HttpParser.h"
#include "http/HttpServerOptions.h"
#include "http/InlineDispatchPolicy.h"
#include "http/RequestDispatch.h"
#include "http/ResponseSerializer.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motel::host {

/// Runs one parsed request on a worker thread: decodes the target into an
/// sdk::Request, calls the dispatcher behind an exception guard (HttpError →
/// its envelope, anything else → 500 `Internal server error`, logged), and
/// serialises the answer. The connection only writes the resulting bytes, so
/// the I/O thread does as little per request as possible. Every request gets
/// an HttpExchange as `Request::exchange` for the duration of the dispatch.
///
/// Answers wait for their holds (sdk/AnswerHold.h): when something the
/// dispatch started holds the answer (the realtime relay appending an event
/// to Redis), the answer is deferred like a DeferredReply's and goes once
/// every hold is released, or after `kAnswerHoldBound` (HeldAnswerDeadlines).
class RequestExecutor {
public:
    using CostReviser = HttpServerOptions::CostReviser;
    /// How long an answer waits at most for its holds.
    static constexpr std::chrono::milliseconds kAnswerHoldBound{1000};

    /// How to write the answer of a request whose handler deferred it.
    struct LaterAnswer {
        ResponseFraming framing;
        /// Headers the dispatcher put on the handler's (unsent) Response:
        /// request id, CORS, security headers. The answer inherits those it
        /// does not set itself (Content-Type excepted: it described no body).
        std::vector<std::pair<std::string, std::string>> inheritedHeaders;
    };

    struct Outcome {
        std::string bytes;                    ///< the complete response (empty when deferred)
        bool keepAlive = true;                ///< false: close the connection after writing
        ConnectionTakeover::Handler takeover; ///< set when the dispatcher claimed the connection
        std::optional<LaterAnswer> deferred;  ///< set when the answer comes later through a DeferredHttpReply
        DispatchCost cost;                    ///< what execute() cost on its thread
        bool workersOnly = false;             ///< the route asked never to run on an I/O thread
    };

    /// `serverStopping`, when given, is read after dispatch: a response
    /// finished while the server stops says `Connection: close`.
    /// `reviseCost`, when set, replaces each measured cost (HttpServerOptions::reviseCost).
    /// `clock`: where the answer-hold bound is measured (HttpServerOptions::clock).
    RequestExecutor(RequestDispatch dispatch, bool trustForwardedFor, const std::atomic<bool>* serverStopping = nullptr,
                    CostReviser reviseCost = {}, EventLoop::TimeSource clock = {});

    /// `peerAddress` is the socket's peer; `closing` asks for `Connection: close`;
    /// `preciseCost` measures CPU time and sleeps (else only wall time);
    /// `makeReply` binds a deferred answer to the connection (empty: handlers
    /// cannot defer).
    Outcome execute(ParsedRequest request, const std::string& peerAddress, bool closing, bool preciseCost = true,
                    const HttpExchange::ReplyFactory& makeReply = {}) const;

    /// Serialises the deferred `answer` of a request (see LaterAnswer);
    /// `closing` asks for `Connection: close`. Only bytes and keepAlive are set.
    Outcome answerLater(const LaterAnswer& later, sdk::Response answer, bool closing) const;

    /// The client address: the peer, or with trustForwardedFor the last
    /// (right-most, i.e. added by our own proxy) X-Forwarded-For entry.
    std::string clientAddress(const ParsedRequest& request, const std::string& peerAddress) const;

private:
    /// Defers `response` until `holds` are released (or the bound passes);
    /// false when the request cannot be answered later.
    bool holdAnswer(HttpExchange& exchange, const std::shared_ptr<sdk::AnswerHolds>& holds,
                    const sdk::Response& response) const;
    /// Bytes and keepAlive of `outcome` for `response` framed by `framing`.
    void serializeInto(Outcome& outcome, const sdk::Response& response, ResponseFraming framing) const;

    RequestDispatch dispatch_;
    bool trustForwardedFor_;
    const std::atomic<bool>* serverStopping_;
    CostReviser reviseCost_;
    std::unique_ptr<HeldAnswerDeadlines> holdDeadlines_;
};

} // namespace motel::host
