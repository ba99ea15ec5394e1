#include "http/PendingAnswer.h"

namespace motel::host {

std::shared_ptr<DeferredHttpReply> PendingAnswer::makeReply(std::function<void(sdk::Response)> answer) {
    auto reply = std::make_shared<DeferredHttpReply>(std::move(answer));
    bool open;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        open = accepting_;
        if (open) reply_ = reply;
    }
    if (!open) reply->close(); // closed while the handler ran (server stopped)
    return reply;
}

bool PendingAnswer::ifAccepting(const std::function<void()>& post) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!accepting_) return false;
    post();
    return true;
}

std::shared_ptr<DeferredHttpReply> PendingAnswer::stopAccepting() {
    std::lock_guard<std::mutex> lock(mutex_);
    accepting_ = false;
    return reply_.lock();
}

RequestExecutor::LaterAnswer PendingAnswer::takeLater() {
    RequestExecutor::LaterAnswer later = std::move(*later_);
    later_.reset();
    return later;
}

std::optional<sdk::Response> PendingAnswer::takeEarly() {
    std::optional<sdk::Response> early = std::move(early_);
    early_.reset();
    return early;
}

void PendingAnswer::forget() {
    later_.reset();
    early_.reset();
}

} // namespace motel::host
