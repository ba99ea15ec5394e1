#include "application/RedisConnection.h"

namespace motel::realtime {

std::string replyText(const redisReply* reply) {
    if (!reply) return {};
    if (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS || reply->type == REDIS_REPLY_ERROR)
        return std::string(reply->str, reply->len);
    return {};
}

bool RedisConnection::ensureConnected() {
    if (link_) return true;
    try {
        link_ = std::make_unique<sdk::RedisLink>(url_, sdk::RedisLink::Timeouts{timeout_, timeout_});
    } catch (const sdk::RedisLinkError&) {
        // Unreachable or refused: the callers log it their way and retry later.
        return false;
    }
    return true;
}

RedisReplyPtr RedisConnection::command(const std::vector<std::string>& args) {
    if (!link_) return nullptr;
    try {
        return link_->send(args);
    } catch (const sdk::RedisLinkError&) {
        link_.reset();
        return nullptr;
    }
}

RedisReplyPtr RedisConnection::blockingCommand(const std::vector<std::string>& args,
                                               std::chrono::milliseconds blockFor) {
    if (!link_) return nullptr;
    link_->setCommandTimeout(timeout_ + blockFor);
    RedisReplyPtr reply = command(args);
    if (link_) link_->setCommandTimeout(timeout_);
    return reply;
}

} // namespace motel::realtime
