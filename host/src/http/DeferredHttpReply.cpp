#include "http/DeferredHttpReply.h"

#include "routing/ErrorEnvelope.h"
#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <exception>
#include <string>

namespace motel::host {

namespace {

void runGuarded(const std::function<void()>& fn, const char* what) {
    try {
        fn();
    } catch (...) {
        Poco::Logger::get("motel.http")
            .error("Deferred reply %s threw: %s", std::string(what), describeCurrentException());
    }
}

} // namespace

DeferredHttpReply::DeferredHttpReply(Deliver deliver) : deliver_(std::move(deliver)) {}

std::shared_ptr<sdk::DeferredReply> DeferredHttpReply::handOut(std::shared_ptr<DeferredHttpReply> reply) {
    DeferredHttpReply* const raw = reply.get();
    // The handle shares nothing with `reply`'s own count: its "deleter" runs
    // when the handlers' last copy goes, and only then releases the reply.
    return std::shared_ptr<sdk::DeferredReply>(raw, [reply = std::move(reply)](sdk::DeferredReply*) mutable {
        reply->abandon();
        reply.reset();
    });
}

void DeferredHttpReply::send(sdk::Response response) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (answered_ || closed_) return;
        answered_ = true;
        onClose_.clear(); // they would never run
    }
    runGuarded([this, &response] { deliver_(std::move(response)); }, "delivery");
}

bool DeferredHttpReply::closed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return closed_;
}

void DeferredHttpReply::onClose(std::function<void()> fn) {
    if (!fn) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (answered_) return; // it can no longer close "without a send()"
        if (!closed_) {
            onClose_.push_back(std::move(fn));
            return;
        }
    }
    runGuarded(fn, "onClose callback");
}

void DeferredHttpReply::close() {
    std::vector<std::function<void()>> callbacks;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (closed_) return;
        closed_ = true;
        callbacks.swap(onClose_); // empty once answered
    }
    for (const auto& fn : callbacks) runGuarded(fn, "onClose callback");
}

bool DeferredHttpReply::withdraw() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (answered_ || closed_) return false;
    answered_ = true;
    onClose_.clear();
    return true;
}

void DeferredHttpReply::abandon() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (answered_ || closed_) return;
    }
    Poco::Logger::get("motel.http").error("A deferred reply was released without an answer; the client gets a 500");
    sdk::Response response;
    renderError(500, "Internal server error", response);
    send(std::move(response));
}

} // namespace motel::host
