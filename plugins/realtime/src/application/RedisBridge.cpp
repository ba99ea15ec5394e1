#include "application/RedisBridge.h"

#include <hiredis/hiredis.h>

#include <memory>
#include <stdexcept>
#include <sys/socket.h>

namespace motel::realtime {

namespace {

struct ContextFree {
    void operator()(redisContext* context) const { redisFree(context); }
};
using Context = std::unique_ptr<redisContext, ContextFree>;

struct ReplyFree {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyFree>;

const std::size_t kMaxOutbox = 10000;

Context connectTo(const RedisBridge::Endpoint& endpoint) {
    const timeval timeout{2, 0};
    Context context(redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, timeout));
    if (!context || context->err) return nullptr;
    if (!endpoint.password.empty()) {
        Reply reply(static_cast<redisReply*>(
            redisCommand(context.get(), "AUTH %b", endpoint.password.data(), endpoint.password.size())));
        if (!reply || reply->type == REDIS_REPLY_ERROR) return nullptr;
    }
    return context;
}

} // namespace

RedisBridge::Endpoint RedisBridge::Endpoint::parse(const std::string& url) {
    const std::string scheme = "redis://";
    if (url.compare(0, scheme.size(), scheme) != 0) throw std::invalid_argument("expected redis://host:port");
    std::string rest = url.substr(scheme.size());
    Endpoint endpoint;
    const auto at = rest.rfind('@');
    if (at != std::string::npos) {
        const std::string credentials = rest.substr(0, at);
        const auto colon = credentials.find(':');
        endpoint.password = colon == std::string::npos ? credentials : credentials.substr(colon + 1);
        rest = rest.substr(at + 1);
    }
    rest = rest.substr(0, rest.find('/'));
    const auto colon = rest.rfind(':');
    endpoint.host = rest.substr(0, colon);
    if (colon != std::string::npos) {
        try {
            endpoint.port = std::stoi(rest.substr(colon + 1));
        } catch (const std::exception&) {
            throw std::invalid_argument("bad port in redis URL");
        }
    }
    if (endpoint.host.empty()) throw std::invalid_argument("no host in redis URL");
    return endpoint;
}

RedisBridge::RedisBridge(Endpoint endpoint, std::string channel, MessageHandler onMessage, Poco::Logger& logger)
    : endpoint_(std::move(endpoint)), channel_(std::move(channel)), onMessage_(std::move(onMessage)), logger_(logger) {}

RedisBridge::~RedisBridge() {
    stop();
}

void RedisBridge::start() {
    stopping_ = false;
    subscriber_ = std::thread([this] { runSubscriber(); });
    publisher_ = std::thread([this] { runPublisher(); });
}

void RedisBridge::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        if (subscriberFd_ >= 0) ::shutdown(subscriberFd_, SHUT_RDWR);
    }
    wake_.notify_all();
    if (subscriber_.joinable()) subscriber_.join();
    if (publisher_.joinable()) publisher_.join();
}

void RedisBridge::publish(std::string message) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (outbox_.size() >= kMaxOutbox) {
            outbox_.pop_front();
            ++dropped_;
        }
        outbox_.push_back(std::move(message));
    }
    wake_.notify_all();
}

bool RedisBridge::sleepUnlessStopping(std::chrono::milliseconds delay) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stopping_.load(); });
    return !stopping_;
}

void RedisBridge::runSubscriber() {
    std::chrono::milliseconds backoff(200);
    bool warned = false;
    while (!stopping_) {
        Context context = connectTo(endpoint_);
        Reply reply;
        if (context) {
            reply.reset(static_cast<redisReply*>(
                redisCommand(context.get(), "SUBSCRIBE %b", channel_.data(), channel_.size())));
        }
        if (!context || !reply || reply->type == REDIS_REPLY_ERROR) {
            if (!warned)
                logger_.warning("realtime: Redis unreachable at %s:%d; delivering locally only, retrying",
                                endpoint_.host, endpoint_.port);
            warned = true;
            if (!sleepUnlessStopping(backoff)) return;
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
            continue;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_) return;
            subscriberFd_ = context->fd;
        }
        subscribed_ = true;
        backoff = std::chrono::milliseconds(200);
        if (warned) logger_.information("realtime: subscribed to Redis channel %s again", channel_);
        warned = false;
        while (!stopping_) {
            void* raw = nullptr;
            if (redisGetReply(context.get(), &raw) != REDIS_OK) break;
            Reply message(static_cast<redisReply*>(raw));
            if (message && message->type == REDIS_REPLY_ARRAY && message->elements == 3 &&
                std::string(message->element[0]->str, message->element[0]->len) == "message") {
                try {
                    onMessage_(std::string(message->element[2]->str, message->element[2]->len));
                } catch (const std::exception& error) {
                    logger_.error("realtime: bad message from Redis: %s", std::string(error.what()));
                }
            }
        }
        subscribed_ = false;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            subscriberFd_ = -1;
        }
    }
}

void RedisBridge::runPublisher() {
    Context context;
    std::chrono::milliseconds backoff(200);
    auto retryAt = std::chrono::steady_clock::now();
    while (true) {
        std::string message;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !outbox_.empty(); });
            if (stopping_) return;
            message = std::move(outbox_.front());
            outbox_.pop_front();
        }
        if (!context && std::chrono::steady_clock::now() >= retryAt) {
            context = connectTo(endpoint_);
            const timeval commandTimeout{2, 0}; // a hung Redis must not hold the queue forever
            if (context) redisSetTimeout(context.get(), commandTimeout);
        }
        if (!context) {
            ++dropped_; // Redis down: the other hosts miss it, this host already delivered it
            retryAt = std::chrono::steady_clock::now() + backoff;
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
            continue;
        }
        Reply reply(static_cast<redisReply*>(redisCommand(context.get(), "PUBLISH %b %b", channel_.data(),
                                                          channel_.size(), message.data(), message.size())));
        if (!reply || context->err) {
            ++dropped_;
            context.reset();
            retryAt = std::chrono::steady_clock::now() + backoff;
            continue;
        }
        backoff = std::chrono::milliseconds(200);
    }
}

} // namespace motel::realtime
