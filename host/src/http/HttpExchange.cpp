#include "http/HttpExchange.h"

#include <stdexcept>

namespace motel::host {

HttpExchange::HttpExchange(ConnectionTakeover& takeover, const ReplyFactory& makeReply)
    : _takeover(takeover), _makeReply(makeReply) {}

std::shared_ptr<sdk::DeferredReply> HttpExchange::defer() {
    if (_handle) return _handle;
    if (_takeover.claimed()) throw std::logic_error("A request taken over cannot also be answered later");
    if (!_makeReply) throw std::logic_error("This request cannot be answered later");
    _reply = _makeReply();
    _handle = DeferredHttpReply::handOut(_reply);
    return _handle;
}

void HttpExchange::takeOver(std::function<void(int fd, std::string pendingBytes)> adopt) {
    if (!adopt) throw std::invalid_argument("Exchange::takeOver needs an adopt function");
    if (_handle) throw std::logic_error("A request answered later cannot also be taken over");
    _takeover.claim(std::move(adopt));
}

bool HttpExchange::settle() {
    if (!_handle) return false;
    // Only our own handle left: nobody else can ever answer. (A plugin
    // holding just a weak_ptr that it locks right now finds the reply
    // answered, so its send() is dropped.)
    const bool withdrawn = _handle.use_count() == 1 && _reply->withdraw();
    _handle.reset(); // when it was the last copy of an unanswered reply: a 500 follows
    _reply.reset();
    return !withdrawn;
}

} // namespace motel::host
