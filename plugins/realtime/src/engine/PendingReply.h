#pragma once
/// The answer to a long-polling request, given later from an IoLoop. With
/// the host's Exchange it is a DeferredReply (no HTTP worker waits); without
/// one (unit tests that call the handler directly) the handler blocks in
/// finish() until the loop has answered. Copies share one answer; only the
/// first send() counts.

#include <motel/sdk/Exchange.h>
#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace motel::realtime {

class PendingReply {
public:
    using Headers = std::vector<std::pair<std::string, std::string>>;

    /// Promises an answer to `request`; `extraHeaders` (CORS) go on every answer.
    PendingReply(const sdk::Request& request, Headers extraHeaders);

    /// Any thread; later calls are ignored.
    void send(int status, const std::string& contentType, std::string body) const;
    /// `{"code":N,"message":"..."}` with 400 (or `status`), as Engine.IO answers errors.
    void sendError(int code, const std::string& message, int status = 400) const;
    /// True once answered, or when the client went away.
    bool done() const;
    /// In the route handler, after handing the reply over: without an
    /// Exchange, waits for the answer and copies it into `response`.
    void finish(sdk::Response& response) const;

private:
    struct State;
    std::shared_ptr<State> state_;
};

} // namespace motel::realtime
