#include "application/RedisLink.h"

namespace motel::realtime {

namespace {
timeval toTimeval(std::chrono::milliseconds duration) {
    return timeval{static_cast<time_t>(duration.count() / 1000),
                   static_cast<suseconds_t>(duration.count() % 1000 * 1000)};
}
} // namespace

std::string replyText(const redisReply* reply) {
    if (!reply) return {};
    if (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS || reply->type == REDIS_REPLY_ERROR)
        return std::string(reply->str, reply->len);
    return {};
}

bool RedisLink::ensureConnected() {
    if (context_) return true;
    const timeval timeout = toTimeval(timeout_);
    std::unique_ptr<redisContext, ContextFree> context(
        url_.unixSocket.empty() ? redisConnectWithTimeout(url_.host.c_str(), url_.port, timeout)
                                : redisConnectUnixWithTimeout(url_.unixSocket.c_str(), timeout));
    if (!context || context->err) return false;
    context_ = std::move(context);
    setTimeout(timeout_);
    if (!url_.password.empty()) {
        const auto reply =
            url_.username.empty() ? command({"AUTH", url_.password}) : command({"AUTH", url_.username, url_.password});
        if (!reply || reply->type == REDIS_REPLY_ERROR) return close(), false;
    }
    if (url_.database != 0) {
        const auto reply = command({"SELECT", std::to_string(url_.database)});
        if (!reply || reply->type == REDIS_REPLY_ERROR) return close(), false;
    }
    return true;
}

void RedisLink::setTimeout(std::chrono::milliseconds timeout) {
    if (context_) redisSetTimeout(context_.get(), toTimeval(timeout));
}

RedisReplyPtr RedisLink::command(const std::vector<std::string>& args) {
    if (!context_) return nullptr;
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const auto& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    RedisReplyPtr reply(static_cast<redisReply*>(
        redisCommandArgv(context_.get(), static_cast<int>(args.size()), argv.data(), lengths.data())));
    if (!reply || context_->err) {
        close();
        return nullptr;
    }
    return reply;
}

RedisReplyPtr RedisLink::blockingCommand(const std::vector<std::string>& args, std::chrono::milliseconds blockFor) {
    setTimeout(timeout_ + blockFor);
    RedisReplyPtr reply = command(args);
    setTimeout(timeout_);
    return reply;
}

} // namespace motel::realtime
