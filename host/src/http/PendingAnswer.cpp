#include "http/PendingAnswer.h"

namespace motel::host {

std::shared_ptr<DeferredHttpReply> PendingAnswer::makeReply(std::function<void(sdk::Response)> answer) {
    auto reply = std::make_shared<DeferredHttpReply>(std::move(answer));
    bool open;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        open = _accepting;
        if (open) _reply = reply;
    }
    if (!open) reply->close(); // closed while the handler ran (server stopped)
    return reply;
}

bool PendingAnswer::ifAccepting(const std::function<void()>& post) {
    std::lock_guard<std::mutex> lock(_mutex);
    if (!_accepting) return false;
    post();
    return true;
}

std::shared_ptr<DeferredHttpReply> PendingAnswer::stopAccepting() {
    std::lock_guard<std::mutex> lock(_mutex);
    _accepting = false;
    return _reply.lock();
}

RequestExecutor::LaterAnswer PendingAnswer::takeLater() {
    RequestExecutor::LaterAnswer later = std::move(*_later);
    _later.reset();
    return later;
}

std::optional<sdk::Response> PendingAnswer::takeEarly() {
    std::optional<sdk::Response> early = std::move(_early);
    _early.reset();
    return early;
}

void PendingAnswer::forget() {
    _later.reset();
    _early.reset();
}

} // namespace motel::host
