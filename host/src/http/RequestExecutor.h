#pragma once

#include "http/ConnectionTakeover.h"
#include "http/HttpParser.h"
#include "http/InlineDispatchPolicy.h"
#include "http/RequestDispatch.h"

#include <atomic>
#include <string>

namespace motel::host {

/// Runs one parsed request on a worker thread: decodes the target into an
/// sdk::Request, calls the dispatcher behind an exception guard (HttpError →
/// its envelope, anything else → 500 `Internal server error`, logged), and
/// serialises the answer. The connection only writes the resulting bytes, so
/// the I/O thread does as little per request as possible.
class RequestExecutor {
public:
    struct Outcome {
        std::string bytes;       ///< the complete response
        bool keepAlive = true;   ///< false: close the connection after writing
        ConnectionTakeover::Handler takeover; ///< set when the dispatcher claimed the connection
        DispatchCost cost;       ///< what execute() cost on its thread
    };

    /// `serverStopping`, when given, is read after dispatch: a response
    /// finished while the server stops says `Connection: close`.
    RequestExecutor(RequestDispatch dispatch, bool trustForwardedFor, const std::atomic<bool>* serverStopping = nullptr);

    /// `peerAddress` is the socket's peer; `closing` asks for `Connection: close`;
    /// `preciseCost` measures CPU time and sleeps (else only wall time).
    Outcome execute(ParsedRequest request, const std::string& peerAddress, bool closing, bool preciseCost = true) const;

    /// The client address: the peer, or with trustForwardedFor the last
    /// (right-most, i.e. added by our own proxy) X-Forwarded-For entry.
    std::string clientAddress(const ParsedRequest& request, const std::string& peerAddress) const;

private:
    RequestDispatch _dispatch;
    bool _trustForwardedFor;
    const std::atomic<bool>* _serverStopping;
};

} // namespace motel::host
