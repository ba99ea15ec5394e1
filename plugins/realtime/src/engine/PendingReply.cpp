#include "engine/PendingReply.h"

#include "json/JsonText.h"

#include <condition_variable>
#include <mutex>

namespace motel::realtime {

struct PendingReply::State {
    std::shared_ptr<sdk::DeferredReply> deferred;
    Headers headers;
    std::mutex mutex;
    std::condition_variable answered;
    bool sent = false;
    sdk::Response response;
};

PendingReply::PendingReply(const sdk::Request& request, Headers extraHeaders) : state_(std::make_shared<State>()) {
    state_->headers = std::move(extraHeaders);
    if (request.exchange) state_->deferred = request.exchange->defer();
}

void PendingReply::send(int status, const std::string& contentType, std::string body) const {
    sdk::Response response;
    response.text(status, contentType, std::move(body));
    for (const auto& [name, value] : state_->headers) response.setHeader(name, value);
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        if (state_->sent) return;
        state_->sent = true;
        if (!state_->deferred) state_->response = std::move(response);
    }
    if (state_->deferred)
        state_->deferred->send(std::move(response));
    else
        state_->answered.notify_all();
}

void PendingReply::sendError(int code, const std::string& message, int status) const {
    std::string body = "{\"code\":" + std::to_string(code) + ",\"message\":";
    JsonText::writeString(message, body);
    body += '}';
    send(status, "application/json", std::move(body));
}

bool PendingReply::done() const {
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        if (state_->sent) return true;
    }
    return state_->deferred && state_->deferred->closed();
}

void PendingReply::finish(sdk::Response& response) const {
    if (state_->deferred) return;
    std::unique_lock<std::mutex> lock(state_->mutex);
    // A loop that never answers (stopped underneath us) must not hang the caller.
    if (!state_->answered.wait_for(lock, std::chrono::minutes(2), [this] { return state_->sent; })) {
        state_->sent = true;
        response.text(503, "text/plain", "Service Unavailable");
        return;
    }
    response = state_->response;
}

} // namespace motel::realtime
