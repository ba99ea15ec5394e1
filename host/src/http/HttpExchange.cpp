#include "http/HttpExchange.h"

#include <stdexcept>

namespace motel::host {

HttpExchange::HttpExchange(ConnectionTakeover& takeover, const ReplyFactory& makeReply)
    : takeover_(takeover), makeReply_(makeReply) {}

std::shared_ptr<sdk::DeferredReply> HttpExchange::defer() {
    if (handle_) return handle_;
    if (takeover_.claimed()) throw std::logic_error("A request taken over cannot also be answered later");
    if (!makeReply_) throw std::logic_error("This request cannot be answered later");
    reply_ = makeReply_();
    handle_ = DeferredHttpReply::handOut(reply_);
    return handle_;
}

void HttpExchange::takeOver(std::function<void(int fd, std::string pendingBytes)> adopt) {
    if (!adopt) throw std::invalid_argument("Exchange::takeOver needs an adopt function");
    if (handle_) throw std::logic_error("A request answered later cannot also be taken over");
    takeover_.claim(std::move(adopt));
}

bool HttpExchange::settle() {
    if (!handle_) return false;
    // Only our own handle left: nobody else can ever answer. (A plugin
    // holding just a weak_ptr that it locks right now finds the reply
    // answered, so its send() is dropped.)
    const bool withdrawn = handle_.use_count() == 1 && reply_->withdraw();
    handle_.reset(); // when it was the last copy of an unanswered reply: a 500 follows
    reply_.reset();
    return !withdrawn;
}

} // namespace motel::host
