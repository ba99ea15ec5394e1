#include "application/StreamReader.h"

#include <motel/sdk/ExceptionText.h>

#include <algorithm>

namespace motel::realtime {

namespace {
const std::chrono::milliseconds kRedisTimeout(2000);
/// How long one XREAD waits for news: also how soon stop() is noticed.
const std::chrono::milliseconds kBlock(500);
const std::chrono::milliseconds kFirstBackoff(100);
const std::chrono::milliseconds kMaxBackoff(2000);
} // namespace

StreamReader::StreamReader(sdk::RedisUrl url, std::string stream, EntryHandler onEntry, StartHandler onStart,
                           Poco::Logger& logger)
    : stream_(std::move(stream)), onEntry_(std::move(onEntry)), onStart_(std::move(onStart)), logger_(logger),
      link_(std::move(url), kRedisTimeout) {}

StreamReader::~StreamReader() {
    stop();
}

void StreamReader::start() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void StreamReader::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool StreamReader::waitUnlessStopping(std::chrono::milliseconds delay) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stopping_; });
    return !stopping_;
}

bool StreamReader::resolveStart() {
    const auto reply = link_.command({"XREVRANGE", stream_, "+", "-", "COUNT", "1"});
    if (!reply || reply->type != REDIS_REPLY_ARRAY) return false;
    const auto newest = parseStreamEntries(reply.get());
    lastId_ = newest.empty() ? "0-0" : newest.front().id;
    if (onStart_) onStart_(lastId_);
    return true;
}

void StreamReader::run() {
    std::chrono::milliseconds backoff = kFirstBackoff;
    bool outage = false;
    while (waitUnlessStopping(std::chrono::milliseconds(0))) {
        if (!link_.ensureConnected() || (lastId_.empty() && !resolveStart())) {
            reading_ = false;
            if (!outage)
                logger_.warning("realtime relay: cannot read the Redis stream %s at %s; retrying", stream_,
                                link_.url().describe());
            outage = true;
            waitUnlessStopping(backoff);
            backoff = std::min(backoff * 2, kMaxBackoff);
            continue;
        }
        const auto reply = link_.blockingCommand(
            {"XREAD", "COUNT", "500", "BLOCK", std::to_string(kBlock.count()), "STREAMS", stream_, lastId_}, kBlock);
        if (!reply || reply->type == REDIS_REPLY_ERROR) {
            if (reply) logger_.error("realtime relay: XREAD failed: %s", replyText(reply.get()));
            link_.close();
            continue; // reconnect at once; back off only if that fails
        }
        if (outage) logger_.information("realtime relay: reading the Redis stream %s again", stream_);
        outage = false;
        reading_ = true;
        backoff = kFirstBackoff;
        if (reply->type != REDIS_REPLY_ARRAY) continue; // nil: nothing new within the block time
        for (std::size_t i = 0; i < reply->elements; ++i) {
            const redisReply* stream = reply->element[i];
            if (stream->type != REDIS_REPLY_ARRAY || stream->elements != 2) continue;
            const redisReply* entries = stream->element[1];
            for (const auto& entry : parseStreamEntries(entries)) deliver(entry);
            // Past malformed entries too, or they would be read again forever.
            if (entries->type == REDIS_REPLY_ARRAY && entries->elements > 0) {
                const redisReply* newest = entries->element[entries->elements - 1];
                if (newest->type == REDIS_REPLY_ARRAY && newest->elements == 2) lastId_ = replyText(newest->element[0]);
            }
        }
    }
    reading_ = false;
}

void StreamReader::deliver(const StreamEntry& entry) {
    lastId_ = entry.id;
    std::uint64_t& last = lastSequenceByOrigin_[entry.message.origin];
    if (entry.message.sequence <= last) return; // a duplicate append
    last = entry.message.sequence;
    try {
        onEntry_(entry);
    } catch (...) {
        logger_.error("realtime relay: could not deliver stream entry %s: %s", entry.id,
                      sdk::describeCurrentException());
    }
}

} // namespace motel::realtime
